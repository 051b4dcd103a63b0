import Foundation
import Mail
import Testing

@Suite("Mail messages")
struct MailMessageTests {
    let from = MailAddress("news@verdicts.test", name: "Verdicts")!
    let to = MailAddress("reader@example.com")!

    @Test("addresses that could smuggle headers or are not addresses are refused")
    func addresses() {
        #expect(MailAddress("reader@example.com") != nil)
        #expect(MailAddress("first.last+tag@mail.example.co.uk") != nil)
        for bad in ["reader", "reader@example", "a@b.c\r\nBcc: x@y.z", "a b@example.com", "<a@example.com>",
                    "a@@example.com", ".a@example.com", "a@example..com", "ü@example.com", String(repeating: "a", count: 65) + "@example.com"] {
            #expect(MailAddress(bad) == nil, "\(bad)")
        }
        #expect(MailAddress("a@example.com", name: "Evil\r\nBcc: x@y.z") == nil)
        #expect(MailAddress(parsing: "Verdicts <news@verdicts.test>") == MailAddress("news@verdicts.test", name: "Verdicts"))
    }

    @Test("a message has the headers mail clients need and two base64 parts with short lines")
    func rendering() throws {
        let message = MailMessage(
            from: from, to: to, subject: "Verdicts: Sonnet vs GPT-4o — résumé", text: "Line one\n.\nA line starting with a dot",
            html: "<p>" + String(repeating: "long ", count: 400) + "</p>",
            headers: [("List-Unsubscribe", "<https://verdicts.test/u>"), ("X-Test", "a\r\nBcc: injected@example.com")])
        let text = message.render()
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
        #expect(lines.contains("From: \"Verdicts\" <news@verdicts.test>"))
        #expect(lines.contains("To: reader@example.com"))
        #expect(lines.contains { $0.hasPrefix("Subject: =?UTF-8?B?") })
        #expect(lines.contains { $0.hasPrefix("Date: ") && $0.hasSuffix("+0000") })
        #expect(lines.contains { $0.hasPrefix("Message-ID: <") && $0.hasSuffix("@verdicts.test>") })
        #expect(lines.contains("List-Unsubscribe: <https://verdicts.test/u>"))
        #expect(!lines.contains { $0.hasPrefix("Bcc:") }, "a header value cannot start a new header")
        #expect(lines.filter { $0 == "Content-Transfer-Encoding: base64" }.count == 2)
        #expect(!text.contains("\n.\r\n") && !lines.contains("."), "no line is a lone dot")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "only CRLF line ends")
    }

    @Test("the outbox writes one readable .eml per message")
    func outbox() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let transport = OutboxTransport(folder: folder)
        try await transport.send(MailMessage(from: from, to: to, subject: "One", text: "1"))
        try await transport.send(MailMessage(from: from, to: to, subject: "Two", text: "2"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }
        #expect(files.count == 2)
    }
}
