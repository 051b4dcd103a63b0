import Foundation
import ArgumentParser
import Hummingbird
import Logging
import Mail
import ServiceLifecycle
import VerdictsApp
import VerdictsCatalog
import VerdictsCore

struct Serve: AsyncParsableCommand, SettingFlags {
    static let configuration = CommandConfiguration(
        abstract: "Run the site. Migrates the database and loads the demo catalog into an empty one.")

    @Option(help: "The address to listen on (env VERDICTS_HOST).") var host: String?
    @Option(help: "The port to listen on (env PORT).") var port: Int?
    @Option(help: "The catalog loaded when the database has no tools (env VERDICTS_CATALOG).") var catalog: String?
    @Option(help: "Send the weekly digest from this ISO weekday on, 1 = Monday … 7 = Sunday (env VERDICTS_DIGEST_WEEKDAY; off when unset).")
    var digestWeekday: Int?
    @Option(help: "…and from this hour, UTC, 0–23 (env VERDICTS_DIGEST_HOUR; default 8).") var digestHour: Int?
    @Option(help: "API requests a minute per token or address, 0 for no limit (env VERDICTS_API_RATE_LIMIT; default 600).")
    var apiRateLimit: Int?
    @Option(help: "A reverse proxy's address whose X-Forwarded-For is believed; repeat for several (env VERDICTS_TRUSTED_PROXIES, comma-separated).")
    var trustedProxy: [String] = []
    @Flag(help: "Render every page for every request instead of keeping rendered pages for half a second (env VERDICTS_PAGE_CACHE=off).")
    var noPageCache = false
    @Flag(help: "Run no panel worker in this process (env VERDICTS_WORKER=off); run `verdicts worker` elsewhere.")
    var noWorker = false
    @OptionGroup var panelOptions: PanelOptions
    @OptionGroup var siteOptions: SiteOptions

    var flags: [Setting: String] {
        var given: [Setting: String?] = [
            .host: host, .port: port.map(String.init), .catalog: catalog, .digestWeekday: digestWeekday.map(String.init),
            .digestHour: digestHour.map(String.init), .apiRateLimit: apiRateLimit.map(String.init),
        ]
        if !trustedProxy.isEmpty { given[.trustedProxies] = trustedProxy.joined(separator: ",") }
        if noPageCache { given[.pageCache] = Setting.pageCache.switchValue }
        if noWorker { given[.worker] = Setting.worker.switchValue }
        return given.compactMapValues { $0 }
    }

    func run() async throws {
        MemoryArenas.limit()
        let settings = try await ServeSettings.load(self, panelOptions, siteOptions)
        let logger = settings.database.logger("verdicts")
        let server = settings.server
        // 10 s is far past any statement the site runs; a statement that long is one the server left unanswered.
        let database = try await settings.database.open(logger: logger, statementDeadline: .seconds(10))
        do {
            try await loadDemoCatalogIfEmpty(database, from: settings.catalogPath, logger: logger)
            let site = try await Site(
                database: database, baseURL: settings.mail.address(host: server.host, port: server.port),
                mail: settings.mail.transport, mailFrom: settings.mail.sender, panelBackend: settings.panelBackend,
                toolEditor: ToolEditor(database: database), apiRequestsPerMinute: settings.apiRequestsPerMinute,
                cachesPages: settings.cachesPages, trustedProxies: settings.trustedProxies)
            let app = buildApplication(site: site, settings: server, digestSlot: settings.digestSlot, logger: logger)
            logger.info("Serving \(database.location) on http://\(server.host):\(server.port)")
            // SIGTERM or SIGINT starts the ordered stop; past the deadline whatever is left is
            // cancelled. The database closes below, once every task of the group has returned and
            // the caches' background reads have finished.
            var configuration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            configuration.maximumGracefulShutdownDuration = Self.shutdownDeadline
            var failure: (any Error)?
            do { try await ServiceGroup(configuration: configuration).run() } catch { failure = error }
            await site.stopBackgroundWork()
            if let failure, "\(failure)".contains("Address already in use") {
                throw CommandFailure("Port \(server.port) on \(server.host) is already in use: stop the other server or choose another port with --port.")
            }
            if let failure { throw failure }
            logger.info("Stopped: every request answered, the panel worker's job handed back, the votes written.")
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    /// How long a stop may take before what is left is cancelled: requests in flight, a vote batch.
    static let shutdownDeadline: Duration = .seconds(25)

    /// A fresh install shows the demo catalog instead of an empty site.
    func loadDemoCatalogIfEmpty(_ database: AppDatabase, from path: String, logger: Logger) async throws {
        guard try await CatalogQueries(database.sql).toolCount() == 0 else { return }
        do {
            let report = try await CatalogImporter(database: database).importCatalog(at: path)
            logger.info("Loaded the demo catalog from \(path): \(report.tools.created) tools.")
        } catch let error as CatalogImportError {
            throw CommandFailure("The database is empty and the catalog at '\(path)' could not be loaded.\n\(error)")
        }
    }
}
