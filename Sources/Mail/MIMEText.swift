import Foundation

/// The encodings a message needs: RFC 2047 for non-ASCII headers, base64 bodies wrapped at 76
/// characters (so no line can exceed SMTP's limits and no line starts with a lone dot), and the
/// RFC 5322 date.
enum MIMEText {
    static func part(_ body: String, type: String) -> [String] {
        let normalized = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let base64 = Array(Data(normalized.utf8).base64EncodedString())
        let encoded = stride(from: 0, to: base64.count, by: 76)
            .map { String(base64[$0..<min($0 + 76, base64.count)]) }
            .joined(separator: "\r\n")
        return ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", "", encoded, ""]
    }

    /// Plain ASCII passes through; anything else becomes an encoded-word. CR and LF never survive.
    static func encodeHeader(_ text: String, quoted: Bool = false) -> String {
        let clean = sanitize(text)
        if clean.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) {
            return quoted ? "\"\(clean)\"" : clean
        }
        return "=?UTF-8?B?\(Data(clean.utf8).base64EncodedString())?="
    }

    static func sanitize(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" }.map(Character.init))
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
