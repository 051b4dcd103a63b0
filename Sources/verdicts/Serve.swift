import Foundation
import ArgumentParser
import Hummingbird
import Logging
import Mail
import ServiceLifecycle
import VerdictsApp
import VerdictsCatalog
import VerdictsCore

struct Serve: AsyncParsableCommand {
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

    func run() async throws {
        MemoryArenas.limit()
        let logger = makeLogger("verdicts")
        let settings = try serverSettings()
        let runsWorker = !(noWorker || Settings.value("VERDICTS_WORKER") == "off")
        let panelBackend = runsWorker ? try panelOptions.panelBackend() : nil
        // 10 s is far past any statement the site runs; a statement that long is one the server left unanswered.
        let database = try await siteOptions.databaseOption.open(logger: logger, statementDeadline: .seconds(10))
        do {
            try await loadDemoCatalogIfEmpty(database, logger: logger)
            let site = try await Site(
                database: database, baseURL: siteOptions.address(host: settings.host, port: settings.port),
                mail: try siteOptions.mailTransport(), mailFrom: try siteOptions.sender(), panelBackend: panelBackend,
                toolEditor: ToolEditor(database: database), apiRequestsPerMinute: try apiRequestsPerMinute(),
                cachesPages: !(noPageCache || Settings.value("VERDICTS_PAGE_CACHE") == "off"), trustedProxies: try trustedProxies())
            let app = buildApplication(site: site, settings: settings, digestSlot: try digestSlot(), logger: logger)
            logger.info("Serving \(database.location) on http://\(settings.host):\(settings.port)")
            // SIGTERM or SIGINT starts the ordered stop; past the deadline whatever is left is
            // cancelled. The database closes below, once every task of the group has returned and
            // the caches' background reads have finished.
            var configuration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            configuration.maximumGracefulShutdownDuration = Self.shutdownDeadline
            var failure: (any Error)?
            do { try await ServiceGroup(configuration: configuration).run() } catch { failure = error }
            await site.stopBackgroundWork()
            if let failure, "\(failure)".contains("Address already in use") {
                throw CommandFailure("Port \(settings.port) on \(settings.host) is already in use: stop the other server or choose another port with --port.")
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

    /// The weekly send slot, or nil when no weekday is configured (the default: no in-app sending).
    func digestSlot() throws -> DigestSlot? {
        guard let weekdayText = digestWeekday.map(String.init) ?? Settings.value("VERDICTS_DIGEST_WEEKDAY") else { return nil }
        let hourText = digestHour.map(String.init) ?? Settings.value("VERDICTS_DIGEST_HOUR") ?? "8"
        guard let weekday = Int(weekdayText), let hour = Int(hourText), let slot = DigestSlot(weekday: weekday, hour: hour) else {
            throw CommandFailure("The digest schedule needs a weekday from 1 (Monday) to 7 and an hour from 0 to 23 (got \(weekdayText) and \(hourText)).")
        }
        return slot
    }

    func apiRequestsPerMinute() throws -> Int {
        let text = apiRateLimit.map(String.init) ?? Settings.value("VERDICTS_API_RATE_LIMIT") ?? String(Site.defaultAPIRequestsPerMinute)
        guard let limit = Int(text), limit >= 0 else {
            throw CommandFailure("The API rate limit '\(text)' is not a number of requests a minute (0 turns the limit off).")
        }
        return limit
    }

    func trustedProxies() throws -> Set<String> {
        let listed = trustedProxy.isEmpty ? (Settings.value("VERDICTS_TRUSTED_PROXIES") ?? "").split(separator: ",").map(String.init) : trustedProxy
        let addresses = listed.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if let bad = addresses.first(where: { !ClientAddress.looksLikeAddress($0) }) {
            throw CommandFailure("The trusted proxy '\(bad)' is not an IP address; give the proxy's address as it connects, e.g. 127.0.0.1.")
        }
        return Set(addresses)
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
