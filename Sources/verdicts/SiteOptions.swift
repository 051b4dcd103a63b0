import ArgumentParser
import Logging
import VerdictsApp
import VerdictsCore

/// The options that build a `Site` outside `serve` (the digest sender needs the templates, the
/// public address for links, and the mail transport).
struct SiteOptions: ParsableArguments, SettingFlags {
    @Option(help: "The site's public address for links (env VERDICTS_BASE_URL; default http://127.0.0.1:8080).") var baseURL: String?
    @Option(help: "The folder that receives outgoing mail as .eml files (env VERDICTS_MAIL_OUTBOX).") var mailOutbox: String?
    @Option(help: "The sender of outgoing mail, e.g. 'Verdicts <news@example.com>' (env VERDICTS_MAIL_FROM).") var mailFrom: String?
    @Option(help: "Deliver mail over SMTP: smtp://user:password@host:587?starttls=required (env VERDICTS_SMTP_URL). Without it, mail goes to the outbox.")
    var smtpURL: String?
    @OptionGroup var databaseOption: DatabaseOption

    var flags: [Setting: String] {
        let given: [Setting: String?] = [.baseURL: baseURL, .mailOutbox: mailOutbox, .mailFrom: mailFrom, .smtpURL: smtpURL]
        return given.compactMapValues { $0 }.merging(databaseOption.flags) { first, _ in first }
    }
}

extension MailCommandSettings {
    /// A site for sending mail outside `serve`; the caller shuts the database down.
    func openSite(_ label: String) async throws -> (Site, AppDatabase) {
        let database = try await self.database.open(label)
        do {
            let site = try await Site(database: database, baseURL: mail.address(), mail: mail.transport, mailFrom: mail.sender)
            return (site, database)
        } catch {
            await database.shutdown()
            throw error
        }
    }
}
