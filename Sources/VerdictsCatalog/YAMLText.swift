import Yams

/// Builds YAML nodes for export in a fixed field order, quoting any text that a YAML reader would
/// otherwise take for a number, date, boolean or null, so the files mean the same to every reader.
enum YAMLText {
    static func text(_ value: String) -> Node {
        if value.contains("\n") { return Node(value, .implicit, .literal) }
        let resolved = Resolver.default.resolveTag(of: Node(value))
        return Node(value, .implicit, resolved == .str ? .any : .doubleQuoted)
    }

    /// A value that must stay a YAML integer or date: written plain.
    static func plain(_ value: String) -> Node {
        Node(value, .implicit, .plain)
    }

    static func mapping(_ pairs: [(String, Node?)]) -> Node {
        Node(pairs.compactMap { key, value in value.map { (Node(key), $0) } })
    }

    static func document(_ key: String, _ items: [Node]) throws -> String {
        let root = mapping([(key, Node(items))])
        return try Yams.serialize(node: root, width: 100, allowUnicode: true)
    }
}
