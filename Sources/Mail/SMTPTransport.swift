import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Sends mail to an SMTP server: EHLO, STARTTLS, AUTH PLAIN or LOGIN, then MAIL, RCPT and DATA
/// with dot-stuffing. A 5xx reply is a permanent failure (the address is refused for good); 4xx
/// replies, timeouts and lost connections are temporary. One connection per message keeps a
/// failure from touching the next message.
public struct SMTPTransport: MailTransport {
    public let configuration: SMTPConfiguration

    public init(configuration: SMTPConfiguration) { self.configuration = configuration }

    public func send(_ message: MailMessage) async throws {
        do {
            try await withTimeout(configuration.timeout) { try await deliver(message) }
        } catch let error as MailError {
            throw error
        } catch {
            throw MailError.temporary("SMTP delivery to \(configuration.host):\(configuration.port) failed: \(error)")
        }
    }

    private func deliver(_ message: MailMessage) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var session = SMTPSession(replies: SMTPReplyReader(inbound.makeAsyncIterator()), outbound: outbound)
            try await session.expect(220, after: nil)
            var features = try await session.command("EHLO \(configuration.clientName)", expect: 250).lines
            let offersTLS = features.contains { $0.uppercased().hasPrefix("STARTTLS") }
            if configuration.startTLS == .required && !offersTLS {
                throw MailError.temporary(
                    "The SMTP server does not offer STARTTLS (it offers \(features.dropFirst().joined(separator: ", "))); refusing to send in clear (set starttls=optional to allow).")
            }
            if configuration.startTLS != .off && offersTLS {
                try await session.command("STARTTLS", expect: 220)
                try await startTLS(on: channel.channel)
                features = try await session.command("EHLO \(configuration.clientName)", expect: 250).lines
            }
            if let username = configuration.username, let password = configuration.password {
                try await authenticate(&session, features: features, username: username, password: password)
            }
            try await session.command("MAIL FROM:<\(message.from.email)>", expect: 250)
            try await session.command("RCPT TO:<\(message.to.email)>", expect: 250)
            try await session.command("DATA", expect: 354)
            try await session.send(Self.dotStuffed(message.render()) + "\r\n.\r\n")
            do {
                try await session.expect(250, after: "the message")
            } catch let error as MailError where !error.isPermanent {
                // A 4xx here is a clear refusal; anything else leaves the outcome unknown.
                if case .temporary(let text) = error, text.hasPrefix("The SMTP server answered 4") { throw error }
                throw MailError.uncertain("The message was sent but the server's answer was lost: \(error)")
            } catch let error as MailError {
                throw error
            } catch {
                throw MailError.uncertain("The message was sent but the server's answer was lost: \(error)")
            }
            _ = try? await session.command("QUIT", expect: 221)
        }
    }

    private func authenticate(_ session: inout SMTPSession, features: [String], username: String, password: String) async throws {
        let auth = features.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased() ?? ""
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        if auth.contains("PLAIN") {
            try await session.command("AUTH PLAIN " + base64("\0\(username)\0\(password)"), expect: 235, secret: true)
        } else if auth.contains("LOGIN") {
            try await session.command("AUTH LOGIN", expect: 334)
            try await session.command(base64(username), expect: 334, secret: true)
            try await session.command(base64(password), expect: 235, secret: true)
        } else {
            throw MailError.permanent("The SMTP server offers no AUTH method this client speaks (PLAIN or LOGIN).")
        }
    }

    private func startTLS(on channel: any Channel) async throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let path = configuration.caCertificatePath {
            tls.trustRoots = .file(path)
        }
        let context = try NIOSSLContext(configuration: tls)
        let host = configuration.host
        try await channel.eventLoop.submit {
            let handler = try NIOSSLClientHandler(context: context, serverHostname: host.first?.isNumber == true ? nil : host)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        }.get()
    }

    /// A line that starts with a dot gets a second one (RFC 5321 §4.5.2), so no line of the
    /// message can end the DATA section early.
    static func dotStuffed(_ text: String) -> String {
        text.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }
}

private func withTimeout<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw MailError.temporary("The SMTP server did not answer within \(limit).")
        }
        let result = try await group.next()!
        group.cancelAll()
        return result
    }
}
