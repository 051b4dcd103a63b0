import Foundation
@testable import Mail
import Testing

/// The SMTP transport against real aiosmtpd servers on loopback, which `scripts/test` starts
/// (`scripts/smtp-servers`); without them these tests are skipped.
@Suite("SMTP transport", .enabled(if: ProcessInfo.processInfo.environment["SMTP_TEST_PLAIN"] != nil))
struct SMTPTransportTests {
    static let environment = ProcessInfo.processInfo.environment
    let from = MailAddress("news@verdicts.test", name: "Verdicts")!

    func message(to: String, subject: String = "Hello") -> MailMessage {
        MailMessage(from: from, to: MailAddress(to)!, subject: subject, text: "Plain part\n.\nafter a lone dot", html: "<p>HTML part</p>")
    }

    func spool(_ key: String) -> [String] {
        let folder = Self.environment[key]!
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".eml") }.sorted().compactMap { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
    }

    @Test("delivers with AUTH over a plain local connection")
    func plain() async throws {
        let transport = SMTPTransport(configuration: try SMTPConfiguration(url: Self.environment["SMTP_TEST_PLAIN"]!))
        let subject = "Plain \(UUID().uuidString)"
        try await transport.send(message(to: "reader@example.com", subject: subject))
        let received = try #require(spool("SMTP_TEST_PLAIN_SPOOL").first { $0.contains(subject) })
        #expect(received.contains("Content-Type: multipart/alternative"))
        #expect(received.contains("To: reader@example.com"))
    }

    @Test("authenticates with AUTH LOGIN when the server offers no PLAIN")
    func login() async throws {
        let transport = SMTPTransport(configuration: try SMTPConfiguration(url: Self.environment["SMTP_TEST_LOGIN"]!))
        let subject = "Login \(UUID().uuidString)"
        try await transport.send(message(to: "reader@example.com", subject: subject))
        #expect(spool("SMTP_TEST_LOGIN_SPOOL").contains { $0.contains(subject) })
        var wrong = transport.configuration
        wrong.password = "nope"
        do { try await SMTPTransport(configuration: wrong).send(message(to: "reader@example.com")); Issue.record("bad login accepted") } catch let error as MailError {
            #expect(error.isPermanent && error.description.contains("535"))
        }
    }

    @Test("upgrades with STARTTLS to a server with a throwaway certificate, then authenticates")
    func startTLS() async throws {
        let transport = SMTPTransport(configuration: try SMTPConfiguration(url: Self.environment["SMTP_TEST_TLS"]!))
        let subject = "TLS \(UUID().uuidString)"
        try await transport.send(message(to: "reader@example.com", subject: subject))
        #expect(spool("SMTP_TEST_TLS_SPOOL").contains { $0.contains(subject) })
    }

    @Test("a certificate the client does not trust stops the send")
    func untrusted() async throws {
        var configuration = try SMTPConfiguration(url: Self.environment["SMTP_TEST_TLS"]!)
        configuration.caCertificatePath = nil
        await #expect(throws: MailError.self) { try await SMTPTransport(configuration: configuration).send(message(to: "reader@example.com")) }
    }

    @Test("STARTTLS required against a server that does not offer it: refused, nothing sent in clear")
    func requiredTLS() async throws {
        var configuration = try SMTPConfiguration(url: Self.environment["SMTP_TEST_PLAIN"]!)
        configuration.startTLS = .required
        do {
            try await SMTPTransport(configuration: configuration).send(message(to: "reader@example.com"))
            Issue.record("should refuse")
        } catch let error as MailError {
            #expect(error.description.contains("does not offer STARTTLS"))
        }
    }

    @Test("a 5xx reply is permanent, a 4xx reply and a wrong password are told apart")
    func failures() async throws {
        let transport = SMTPTransport(configuration: try SMTPConfiguration(url: Self.environment["SMTP_TEST_PLAIN"]!))
        do { try await transport.send(message(to: "bounce@example.com")); Issue.record("bounce accepted") } catch let error as MailError {
            #expect(error.isPermanent && error.description.contains("550"))
        }
        do { try await transport.send(message(to: "later@example.com")); Issue.record("later accepted") } catch let error as MailError {
            #expect(!error.isPermanent && error.description.contains("451"))
        }
        var wrong = transport.configuration
        wrong.password = "nope"
        do { try await SMTPTransport(configuration: wrong).send(message(to: "reader@example.com")); Issue.record("bad login accepted") } catch let error as MailError {
            #expect(error.isPermanent && error.description.contains("535"))
        }
    }

    @Test("an unreachable server is a temporary failure")
    func unreachable() async throws {
        let transport = SMTPTransport(configuration: SMTPConfiguration(host: "127.0.0.1", port: 1, startTLS: .off, timeout: .seconds(5)))
        do { try await transport.send(message(to: "reader@example.com")); Issue.record("sent to port 1") } catch let error as MailError {
            #expect(!error.isPermanent)
        }
    }
}

@Suite("SMTP pieces")
struct SMTPPieceTests {
    @Test("dot-stuffing doubles a leading dot on every line and nothing else")
    func dotStuffing() {
        #expect(SMTPTransport.dotStuffed("a\r\n.\r\n.b\r\nc.d") == "a\r\n..\r\n..b\r\nc.d")
    }

    @Test("SMTP addresses are read from one URL")
    func configuration() throws {
        let c = try SMTPConfiguration(url: "smtp://user%40x:p%3Ass@mail.example.com:2525?starttls=optional&ca=/etc/ca.pem")
        #expect(c.host == "mail.example.com" && c.port == 2525 && c.username == "user@x" && c.password == "p:ss")
        #expect(c.startTLS == .optional && c.caCertificatePath == "/etc/ca.pem")
        #expect(try SMTPConfiguration(url: "smtp://mail.example.com").startTLS == .required)
        #expect(throws: MailError.self) { try SMTPConfiguration(url: "http://mail.example.com") }
        #expect(throws: MailError.self) { try SMTPConfiguration(url: "smtp://mail.example.com?starttls=maybe") }
    }
}
