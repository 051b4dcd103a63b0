import VerdictsApp
import VerdictsCore
import VerdictsPanel

/// Everything `serve` reads, checked before the database is opened.
struct ServeSettings: CommandSettings {
    let server: ServerSettings
    let database: DatabaseSettings
    let mail: MailSettings
    let catalogPath: String
    /// Nil when no weekday is set: the digest is then sent by `verdicts digest send` alone.
    let digestSlot: DigestSlot?
    let apiRequestsPerMinute: Int
    let trustedProxies: Set<String>
    let cachesPages: Bool
    /// Nil when this process runs no panel worker, so a worker-less instance never needs the
    /// panel's keys.
    let panelBackend: PanelBackend?

    static let defaultHost = "127.0.0.1"
    static let defaultPort = 8080
    static let defaultDigestHour = 8

    init(_ source: SettingsSource) throws {
        let port = try source.integer(.port, in: 1...65535, default: Self.defaultPort) {
            "The port '\($0)' is not a number from 1 to 65535."
        }
        server = ServerSettings(host: source.text(.host) ?? Self.defaultHost, port: port)
        database = try DatabaseSettings(source)
        mail = try MailSettings(source)
        catalogPath = source.text(.catalog) ?? CatalogCommandSettings.defaultCatalog
        digestSlot = try Self.digestSlot(source)
        apiRequestsPerMinute = try source.integer(.apiRateLimit, in: 0...Int.max, default: Site.defaultAPIRequestsPerMinute) {
            "The API rate limit '\($0)' is not a number of requests a minute (0 turns the limit off)."
        }
        let proxies = source.list(.trustedProxies)
        if let bad = proxies.first(where: { !ClientAddress.looksLikeAddress($0) }) {
            throw CommandFailure("The trusted proxy '\(bad)' is not an IP address; give the proxy's address as it connects, e.g. 127.0.0.1.")
        }
        trustedProxies = Set(proxies)
        cachesPages = !source.isSwitched(.pageCache)
        panelBackend = source.isSwitched(.worker) ? nil : try PanelBackend(source)
    }

    private static func digestSlot(_ source: SettingsSource) throws -> DigestSlot? {
        guard let weekdayText = source.text(.digestWeekday) else { return nil }
        let hourText = source.text(.digestHour) ?? String(defaultDigestHour)
        guard let weekday = Int(weekdayText), let hour = Int(hourText), let slot = DigestSlot(weekday: weekday, hour: hour) else {
            throw CommandFailure("The digest schedule needs a weekday from 1 (Monday) to 7 and an hour from 0 to 23 (got \(weekdayText) and \(hourText)).")
        }
        return slot
    }
}
