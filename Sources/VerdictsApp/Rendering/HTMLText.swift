import Mustache

/// HTML escaping with the five entities swift-mustache writes for `{{…}}`, done on UTF-8 bytes.
///
/// swift-mustache's own escaping walks every string by `Character` (grapheme breaking) and looks
/// each one up in a dictionary; it was 6–7% of an uncached page's CPU in `perf`. Most strings hold
/// nothing to escape, and those are returned as they are after one pass over their bytes.
enum HTMLText {
    /// The name templates use to choose this escaping: `{{%CONTENT_TYPE:SITEHTML}}` on their first line.
    static let contentTypeName = "SITEHTML"

    /// Registers the content type; must run before templates are parsed.
    static func register() {
        MustacheContentTypes.register(Escaping(), named: contentTypeName)
    }

    struct Escaping: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLText.escape(text) }
    }

    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
