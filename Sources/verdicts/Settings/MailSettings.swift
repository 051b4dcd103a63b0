import Foundation
import Mail

/// How a command that sends mail or writes links reaches readers: the site's public address,
/// the transport, and the sender.
struct MailSettings {
    /// Nil when unset: `serve` then links to the address it listens on.
    let baseURL: String?
    let transport: any MailTransport
    let sender: MailAddress

    static let defaultSender = "Verdicts <verdicts@localhost.localdomain>"
    static let defaultOutbox = "data/outbox"

    init(_ source: SettingsSource) throws {
        baseURL = source.text(.baseURL)
        if let url = source.text(.smtpURL) {
            do {
                transport = SMTPTransport(configuration: try SMTPConfiguration(url: url))
            } catch let error as MailError {
                throw CommandFailure(error.description)
            }
        } else {
            transport = OutboxTransport(folder: URL(fileURLWithPath: source.text(.mailOutbox) ?? Self.defaultOutbox))
        }
        let from = source.text(.mailFrom) ?? Self.defaultSender
        guard let address = MailAddress(parsing: from) else {
            throw CommandFailure("The mail sender '\(from)' is not an address; use the form 'Verdicts <news@example.com>'.")
        }
        sender = address
    }

    func address(host: String = "127.0.0.1", port: Int = 8080) -> String {
        baseURL ?? "http://\(host):\(port)"
    }
}
