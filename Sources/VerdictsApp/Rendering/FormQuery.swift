import Foundation
import Hummingbird

/// Reads a query string the way HTML forms write it: `+` is a space, then percent-escapes are
/// decoded. (Hummingbird's own decoding leaves `+` as it is.) Malformed escapes keep the raw text.
enum FormQuery {
    static func parse(_ request: Request) -> [String: String] {
        parse(request.uri.query ?? "")
    }

    /// `a=1&b=2` text: a query string, or a form body sent as application/x-www-form-urlencoded.
    static func parse(_ query: String) -> [String: String] {
        guard !query.isEmpty else { return [:] }
        var values: [String: String] = [:]
        for pair in query.split(separator: "&").prefix(60) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0]), value = parts.count > 1 ? decode(parts[1]) : ""
            if values[key] == nil { values[key] = value }
        }
        return values
    }

    /// False when an escape is cut short or decodes to bytes that are not UTF-8.
    static func isWellFormed(_ query: String) -> Bool {
        query.split(separator: "&").allSatisfy { $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding != nil }
    }

    /// A form body that must be text: nil when its bytes are not UTF-8 or an escape in it is malformed.
    static func parseStrict(_ body: ByteBuffer) -> [String: String]? {
        guard let text = String(validating: body.readableBytesView, as: UTF8.self), isWellFormed(text) else { return nil }
        return parse(text)
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
