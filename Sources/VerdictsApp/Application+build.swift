import Hummingbird
import Logging
import VerdictsCore

public struct ServerSettings: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}

/// Builds the router with every route of the site (answering HEAD too); tests drive it without
/// opening a socket.
public func buildRouter(site: Site) -> SiteResponderBuilder {
    SiteResponderBuilder(router: makeRouter(site: site))
}

/// The router itself, whose `routes` the route tests walk.
func makeRouter(site: Site) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: GzipMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    if !site.trustedProxies.isEmpty { router.add(middleware: ClientAddressMiddleware(trusted: site.trustedProxies)) }
    router.add(middleware: ErrorPageMiddleware(site: site))
    router.add(middleware: WellFormedQueryMiddleware())
    router.add(middleware: VoterMiddleware(signer: site.signer, secureCookies: site.secureCookies, database: site.database))
    if let pageCache = site.pageCache { router.add(middleware: PageCacheMiddleware(cache: pageCache, site: site)) }
    // One feature a line; each feature's folder under Features/ holds its routes, reader and page model.
    HealthController(site: site).register(on: router)
    AssetsController(site: site).register(on: router)
    HomeController(site: site).register(on: router)
    ToolController(site: site).register(on: router)
    CompareController(site: site).register(on: router)
    CategoryController(site: site).register(on: router)
    PersonaController(site: site).register(on: router)
    SearchController(site: site).register(on: router)
    MethodologyController(site: site).register(on: router)
    LeaderboardController(site: site).register(on: router)
    PanelPagesController(site: site).register(on: router)
    VoteController(site: site).register(on: router)
    AccountController(site: site).register(on: router)
    BookmarksController(site: site).register(on: router)
    NewsletterController(site: site).register(on: router)
    ArchiveController(site: site).register(on: router)
    FeedController(site: site).register(on: router)
    SitemapController(site: site).register(on: router)
    let admin = router.group("/admin").add(middleware: AdminOnlyMiddleware(site: site))
    AdminController(site: site).register(on: admin)
    AdminTokensController(site: site).register(on: admin)
    APIController(site: site).register(on: router)
    return router
}

/// The web server with the site's background services. Run inside a service group, it starts the
/// services before taking connections and, on shutdown, stops taking connections and answers the
/// requests in flight before it stops the services in reverse order (`Site.services`).
public func buildApplication(site: Site, settings: ServerSettings, digestSlot: DigestSlot?, logger: Logger) -> some ApplicationProtocol {
    Application(
        router: buildRouter(site: site),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "Verdicts"),
        services: site.services(digestSlot: digestSlot),
        logger: logger)
}
