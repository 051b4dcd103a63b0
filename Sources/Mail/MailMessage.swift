import Foundation

/// An email as the site sends it: a plain-text part, optionally an HTML part, and the headers a
/// newsletter needs. `render()` gives RFC 5322 text with CRLF line ends, ready for SMTP or a file.
public struct MailMessage: Sendable, Equatable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var text: String
    public var html: String?
    /// Extra headers (List-Unsubscribe and friends), in order.
    public var headers: [(String, String)]
    public var messageID: String
    public var date: Date

    public init(from: MailAddress, to: MailAddress, subject: String, text: String, html: String? = nil,
                headers: [(String, String)] = [], messageID: String? = nil, date: Date = Date()) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.headers = headers
        self.date = date
        self.messageID = messageID ?? "<\(UUID().uuidString.lowercased())@\(from.domain)>"
    }

    public static func == (a: MailMessage, b: MailMessage) -> Bool {
        a.render() == b.render()
    }

    public func render() -> String {
        var lines = [
            "From: \(from.header)",
            "To: \(to.header)",
            "Subject: \(MIMEText.encodeHeader(subject))",
            "Date: \(MIMEText.rfc5322Date(date))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
        ]
        lines += headers.map { "\($0.0): \(MIMEText.sanitize($0.1))" }
        if let html {
            let boundary = "=_verdicts_" + messageID.filter { $0.isLetter || $0.isNumber }.prefix(24)
            lines += ["Content-Type: multipart/alternative; boundary=\"\(boundary)\"", "",
                      "This is a multi-part message in MIME format.", "",
                      "--\(boundary)"] + MIMEText.part(text, type: "text/plain") + ["--\(boundary)"]
                + MIMEText.part(html, type: "text/html") + ["--\(boundary)--", ""]
        } else {
            lines += MIMEText.part(text, type: "text/plain")
        }
        return lines.joined(separator: "\r\n")
    }
}

/// An address with an optional display name. Creation refuses anything that could smuggle a
/// header (CR, LF) or is not plausibly an address.
public struct MailAddress: Sendable, Equatable {
    public let email: String
    public let name: String?

    public init?(_ email: String, name: String? = nil) {
        let email = email.trimmingCharacters(in: .whitespaces)
        guard MailAddress.isPlausible(email) else { return nil }
        if let name, name.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\"" || $0 == "\\" }) { return nil }
        self.email = email
        self.name = name
    }

    /// `Name <user@example.com>` or `"Verdicts" <verdicts@example.com>`.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let name = trimmed[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            self.init(String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]), name: name.isEmpty ? nil : name)
        } else {
            self.init(trimmed)
        }
    }

    public var domain: String { String(email.split(separator: "@").last ?? "localhost") }

    var header: String {
        guard let name else { return email }
        return "\(MIMEText.encodeHeader(name, quoted: true)) <\(email)>"
    }

    /// One `@`, a dotted domain, no spaces, quotes, angle brackets or control characters, and the
    /// length limits of RFC 5321. Deliberately strict: a newsletter has no use for exotic forms.
    public static func isPlausible(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 254, parts.count == 2, (1...64).contains(parts[0].count), parts[1].count >= 3,
              parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !parts[1].contains(".."),
              !parts[0].hasPrefix("."), !parts[0].hasSuffix("."), !parts[0].contains("..")
        else { return false }
        let forbidden = CharacterSet(charactersIn: " \"<>()[]\\,;:").union(.controlCharacters).union(.whitespacesAndNewlines)
        guard email.unicodeScalars.allSatisfy({ !forbidden.contains($0) && $0.isASCII }) else { return false }
        return parts[1].allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
    }
}
