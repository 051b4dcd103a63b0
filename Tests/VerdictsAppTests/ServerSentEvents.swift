/// Reads a live view's body back into (event name, data) pairs, in the order they were sent.
enum ServerSentEvents {
    static func parse(_ body: String) -> [(String, String)] {
        body.components(separatedBy: "\n\n").compactMap { block in
            let lines = block.split(separator: "\n")
            guard let name = lines.first(where: { $0.hasPrefix("event: ") }), let data = lines.first(where: { $0.hasPrefix("data: ") })
            else { return nil }
            return (String(name.dropFirst(7)), String(data.dropFirst(6)))
        }
    }
}
