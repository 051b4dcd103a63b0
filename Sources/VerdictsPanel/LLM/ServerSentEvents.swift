/// One event of a `text/event-stream` body.
public struct ServerSentEvent: Sendable, Equatable {
    public var event: String
    public var data: String

    public init(event: String = "message", data: String) {
        (self.event, self.data) = (event, data)
    }
}

/// Turns the bytes of an event stream into events, however the network splits them.
///
/// Bytes are buffered until a line ends and only then decoded, so a chunk boundary inside a
/// multi-byte UTF-8 character or inside a JSON string never reaches the decoder. Lines end with
/// LF, CRLF or CR (a CR at the end of one chunk and an LF at the start of the next are one ending).
public struct ServerSentEventParser: Sendable {
    private var line: [UInt8] = []
    private var afterCR = false
    private var eventType = ""
    private var dataLines: [String] = []
    private var hasData = false

    public init() {}

    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            if afterCR {
                afterCR = false
                if byte == UInt8(ascii: "\n") { continue }
            }
            switch byte {
            case UInt8(ascii: "\n"):
                if let event = endLine() { events.append(event) }
            case UInt8(ascii: "\r"):
                afterCR = true
                if let event = endLine() { events.append(event) }
            default:
                line.append(byte)
            }
        }
        return events
    }

    /// The stream ended: a final event without its blank line is incomplete and, as the format
    /// says, dropped.
    public mutating func finish() {
        line.removeAll()
        resetEvent()
    }

    private mutating func endLine() -> ServerSentEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty { return dispatch() }
        if line.first == UInt8(ascii: ":") { return nil }  // a comment, used as a keep-alive
        let text = String(decoding: line, as: UTF8.self)
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            (field, value) = (text[...], "")
        }
        switch field {
        case "event": eventType = String(value)
        case "data":
            dataLines.append(String(value))
            hasData = true
        default: break  // id and retry matter to reconnecting browsers, not to one request
        }
        return nil
    }

    private mutating func dispatch() -> ServerSentEvent? {
        defer { resetEvent() }
        guard hasData else { return nil }
        return ServerSentEvent(event: eventType.isEmpty ? "message" : eventType, data: dataLines.joined(separator: "\n"))
    }

    private mutating func resetEvent() {
        eventType = ""
        dataLines.removeAll()
        hasData = false
    }
}
