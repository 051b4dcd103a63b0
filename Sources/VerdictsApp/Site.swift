import Foundation
import Mail
import Mustache
import VerdictsCore
import VerdictsPanel

/// What every handler needs: the database, the page templates, the static assets, and the public
/// address of the site (for canonical links, the sitemap and the feed).
public struct Site: Sendable {
    public let database: AppDatabase
    let templates: MustacheLibrary
    let assets: StaticAssets
    /// Scheme, host and port, without a trailing slash: `https://verdicts.example`.
    let baseURL: String
    let signer: VoterSigner
    let leaderboard: Leaderboard
    let mail: any MailTransport
    let mailFrom: MailAddress
    /// A reader may vote in bursts but not flood; an address (many readers behind one NAT) gets more.
    let voterLimiter: RateLimiter
    let addressLimiter: RateLimiter
    /// Ship/skip votes, from the pages and the API, written in group commits.
    let toolVotes: ToolVoteWriter
    /// Every API request, per token or address; nil when the operator turned the limit off.
    let apiLimiter: RateLimiter?
    let apiRequestsPerMinute: Int?
    /// The OpenAPI document served at /api/openapi.yaml.
    let openAPI: OpenAPIDocument
    /// Sign-in links to one address: a few at once, then one a minute, so nobody can flood an inbox.
    let signInMailLimiter: RateLimiter
    /// The model backend the in-process worker runs panels with; nil runs no worker here.
    let panelBackend: PanelBackend?
    /// Saves tools from the admin desk with the import's validation; nil turns editing off.
    let toolEditor: (any ToolEditing)?
    /// Peers whose `X-Forwarded-For` names the reader's address (a reverse proxy in front).
    let trustedProxies: Set<String>
    /// Rendered public pages, kept half a second; nil renders every request (`--no-page-cache`).
    let pageCache: PageCache?
    /// The tool pages' picker and alternatives, kept a few seconds.
    let toolNames: ToolNameLists
    /// The categories and personas, small tables that every tool and comparison page reads, kept
    /// five seconds (one key each).
    let keptCategories: ShortLivedCache<Int, [Int: CategoryRow]>
    let keptPersonas: ShortLivedCache<Int, [PersonaRow]>
    /// Search results, kept 30 seconds: ranking a common word's thousands of matches takes 40–100 ms
    /// on the 100,000-tool bench, and refreshing 40 searches every five seconds, on a third thread
    /// beside the two event loops, left 1% of requests waiting 100+ ms for a core.
    let searches: ShortLivedCache<String, [SearchHit]>
    /// What every cache, limit, token and schedule reads the time from; tests pass a `ManualClock`.
    public let clock: any SiteClock
    /// How often a live panel view looks for progress in the database.
    var livePollInterval: Duration = .milliseconds(250)

    public init(
        database: AppDatabase, baseURL: String, mail: any MailTransport, mailFrom: MailAddress, panelBackend: PanelBackend? = nil,
        toolEditor: (any ToolEditing)? = nil, apiRequestsPerMinute: Int = Site.defaultAPIRequestsPerMinute, cachesPages: Bool = true,
        trustedProxies: Set<String> = [], clock: any SiteClock = SystemClock()
    ) async throws {
        self.clock = clock
        self.trustedProxies = trustedProxies
        self.pageCache = cachesPages ? PageCache(clock: clock) : nil
        self.apiRequestsPerMinute = apiRequestsPerMinute > 0 ? apiRequestsPerMinute : nil
        self.apiLimiter = apiRequestsPerMinute > 0 ? RateLimiter(capacity: apiRequestsPerMinute, perMinute: apiRequestsPerMinute, clock: clock) : nil
        self.voterLimiter = RateLimiter(capacity: 30, perMinute: 30, clock: clock)
        self.addressLimiter = RateLimiter(capacity: 120, perMinute: 120, clock: clock)
        self.signInMailLimiter = RateLimiter(capacity: 3, perMinute: 1, clock: clock)
        self.toolNames = ToolNameLists(clock: clock)
        self.keptCategories = ShortLivedCache(freshFor: .seconds(5), capacity: 1, clock: clock)
        self.keptPersonas = ShortLivedCache(freshFor: .seconds(5), capacity: 1, clock: clock)
        self.searches = ShortLivedCache(freshFor: .seconds(30), capacity: 5_000, clock: clock)
        self.openAPI = try OpenAPIDocument(url: try Self.resource("openapi.yaml"))
        self.panelBackend = panelBackend
        self.toolEditor = toolEditor
        self.mail = mail
        self.mailFrom = mailFrom
        self.database = database
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        HTMLText.register()
        self.templates = try await MustacheLibrary(directory: try Self.resource("Templates").path)
        self.assets = try StaticAssets(folder: try Self.resource("Public"))
        self.signer = VoterSigner(secret: try await SecretQueries(database.sql).secret(named: "voter-signing"))
        self.leaderboard = Leaderboard(database: database, logger: database.logger)
        self.toolVotes = ToolVoteWriter(database: database)
    }

    /// Stops what requests left behind: a debounced leaderboard refit, and the caches' background
    /// reads. The last step before the database closes (`serve`, and tests), so nothing touches it after.
    public func stopBackgroundWork() async {
        await leaderboard.stop()
        await searches.drain()
        await keptCategories.drain()
        await keptPersonas.drain()
        await toolNames.drain()
    }

    /// Refits the leaderboard now (tests and the admin desk; readers' answers schedule it themselves).
    public func refreshLeaderboard() async { await leaderboard.recompute() }

    public static let defaultAPIRequestsPerMinute = 600

    var secureCookies: Bool { baseURL.hasPrefix("https://") }

    static func resource(_ name: String) throws -> URL {
        guard let folder = Bundle.module.url(forResource: name, withExtension: nil) else {
            throw SiteError.missingResources(name)
        }
        return folder
    }
}

enum SiteError: Error, CustomStringConvertible {
    case missingResources(String)
    case templateFailed(String)

    var description: String {
        switch self {
        case .missingResources(let name): "The site's \(name) folder is missing from the build; rebuild with `swift build`."
        case .templateFailed(let name): "The template '\(name)' could not be rendered."
        }
    }
}

extension Site {
    /// Full-text search through `searches`: the hits depend only on the query's words and the limit.
    func search(_ query: String, limit: Int) async throws -> [SearchHit] {
        let key = "\(limit) " + searchTerms(query).joined(separator: " ")
        return try await searches.value(for: key) { try await makeToolSearch(database).search(query, limit: limit) }
    }

    /// A category by id from `keptCategories`; one created since they were read is read on its own.
    func category(id: Int) async throws -> CategoryRow? {
        let kept = try await keptCategories.value(for: 0) { [database] in
            Dictionary(try await CatalogQueries(database.sql).categories().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
        if let category = kept[id] { return category }
        return try await CatalogQueries(database.sql).category(id: id)
    }

    /// The personas in panel order, from `keptPersonas`.
    func personas() async throws -> [PersonaRow] {
        try await keptPersonas.value(for: 0) { [database] in try await CatalogQueries(database.sql).personas() }
    }

    /// After an edit on this instance: the kept catalog facts are read afresh at once.
    func catalogChanged() {
        toolNames.clear()
        searches.clear()
        keptCategories.clear()
        keptPersonas.clear()
    }
}
