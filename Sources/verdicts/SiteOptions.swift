import ArgumentParser
import Foundation
import Logging
import Mail
import VerdictsApp
import VerdictsCore

/// The options that build a `Site` outside `serve` (the digest sender needs the templates, the
/// public address for links, and the mail transport).
struct SiteOptions: ParsableArguments {
    @Option(help: "The site's public address for links (env VERDICTS_BASE_URL; default http://127.0.0.1:8080).") var baseURL: String?
    @Option(help: "The folder that receives outgoing mail as .eml files (env VERDICTS_MAIL_OUTBOX).") var mailOutbox: String?
    @Option(help: "The sender of outgoing mail, e.g. 'Verdicts <news@example.com>' (env VERDICTS_MAIL_FROM).") var mailFrom: String?
    @Option(help: "Deliver mail over SMTP: smtp://user:password@host:587?starttls=required (env VERDICTS_SMTP_URL). Without it, mail goes to the outbox.")
    var smtpURL: String?
    @OptionGroup var databaseOption: DatabaseOption

    func address(host: String = "127.0.0.1", port: Int = 8080) -> String {
        baseURL ?? Settings.value("VERDICTS_BASE_URL") ?? "http://\(host):\(port)"
    }

    func mailTransport() throws -> any MailTransport {
        if let url = smtpURL ?? Settings.value("VERDICTS_SMTP_URL") {
            do {
                return SMTPTransport(configuration: try SMTPConfiguration(url: url))
            } catch let error as MailError {
                throw CommandFailure(error.description)
            }
        }
        return OutboxTransport(folder: URL(fileURLWithPath: mailOutbox ?? Settings.value("VERDICTS_MAIL_OUTBOX") ?? "data/outbox"))
    }

    func sender() throws -> MailAddress {
        let text = mailFrom ?? Settings.value("VERDICTS_MAIL_FROM") ?? "Verdicts <verdicts@localhost.localdomain>"
        guard let address = MailAddress(parsing: text) else {
            throw CommandFailure("The mail sender '\(text)' is not an address; use the form 'Verdicts <news@example.com>'.")
        }
        return address
    }

    func openSite(logger: Logger, host: String = "127.0.0.1", port: Int = 8080) async throws -> (Site, AppDatabase) {
        let database = try await databaseOption.open(logger: logger)
        do {
            let site = try await Site(database: database, baseURL: address(host: host, port: port), mail: try mailTransport(), mailFrom: try sender())
            return (site, database)
        } catch {
            await database.shutdown()
            throw error
        }
    }
}
