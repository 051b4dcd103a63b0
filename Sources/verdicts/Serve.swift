import Foundation
import ArgumentParser
import Hummingbird
import Logging
import Mail
import VerdictsApp
import VerdictsCatalog
import VerdictsCore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the site. Migrates the database and loads the demo catalog into an empty one.")

    @Option(help: "The address to listen on (env VERDICTS_HOST).") var host: String?
    @Option(help: "The port to listen on (env PORT).") var port: Int?
    @Option(help: "The site's public address for canonical links, the sitemap and the feed (env VERDICTS_BASE_URL; default http://host:port).")
    var baseURL: String?
    @Option(help: "The folder that receives outgoing mail as .eml files (env VERDICTS_MAIL_OUTBOX).") var mailOutbox: String?
    @Option(help: "The sender of outgoing mail, e.g. 'Verdicts <news@example.com>' (env VERDICTS_MAIL_FROM).") var mailFrom: String?
    @Option(help: "The catalog loaded when the database has no tools (env VERDICTS_CATALOG).") var catalog: String?
    @OptionGroup var databaseOption: DatabaseOption

    func run() async throws {
        let logger = makeLogger("verdicts")
        let settings = try serverSettings()
        let database = try await databaseOption.open(logger: logger)
        do {
            try await loadDemoCatalogIfEmpty(database, logger: logger)
            let address = baseURL ?? Settings.value("VERDICTS_BASE_URL") ?? "http://\(settings.host):\(settings.port)"
            let site = try await Site(database: database, baseURL: address, mail: try mailTransport(), mailFrom: try sender())
            await site.startBackgroundWork()
            logger.info("Serving \(database.location) on http://\(settings.host):\(settings.port)")
            try await buildApplication(site: site, settings: settings, logger: logger).runService()
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    func mailTransport() throws -> any MailTransport {
        let folder = mailOutbox ?? Settings.value("VERDICTS_MAIL_OUTBOX") ?? "data/outbox"
        return OutboxTransport(folder: URL(fileURLWithPath: folder))
    }

    func sender() throws -> MailAddress {
        let text = mailFrom ?? Settings.value("VERDICTS_MAIL_FROM") ?? "Verdicts <verdicts@localhost.localdomain>"
        guard let address = MailAddress(parsing: text) else {
            throw CommandFailure("The mail sender '\(text)' is not an address; use the form 'Verdicts <news@example.com>'.")
        }
        return address
    }

    func serverSettings() throws -> ServerSettings {
        let host = host ?? Settings.value("VERDICTS_HOST") ?? "127.0.0.1"
        let portText = port.map(String.init) ?? Settings.value("PORT") ?? "8080"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw CommandFailure("The port '\(portText)' is not a number from 1 to 65535.")
        }
        return ServerSettings(host: host, port: port)
    }

    /// A fresh install shows the demo catalog instead of an empty site.
    func loadDemoCatalogIfEmpty(_ database: AppDatabase, logger: Logger) async throws {
        guard try await CatalogQueries(database.sql).toolCount() == 0 else { return }
        let path = catalog ?? Settings.value("VERDICTS_CATALOG") ?? "catalog"
        do {
            let report = try await CatalogImporter(database: database).importCatalog(at: path)
            logger.info("Loaded the demo catalog from \(path): \(report.tools.created) tools.")
        } catch let error as CatalogImportError {
            throw CommandFailure("The database is empty and the catalog at '\(path)' could not be loaded.\n\(error)")
        }
    }
}
