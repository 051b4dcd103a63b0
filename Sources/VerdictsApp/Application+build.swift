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

/// The router itself, whose `routes` the route tests walk. The middleware every route shares comes
/// first; the rest is chosen per route by its policy (`SiteRoutes`).
func makeRouter(site: Site) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: GzipMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    if !site.trustedProxies.isEmpty { router.add(middleware: ClientAddressMiddleware(trusted: site.trustedProxies)) }
    router.add(middleware: ErrorPageMiddleware(site: site))
    let routes = SiteRoutes(router: router, site: site)
    // One feature a line; each feature's folder under Features/ holds its routes, reader and page model.
    HealthController(site: site).register(on: routes)
    AssetsController(site: site).register(on: routes)
    HomeController(site: site).register(on: routes)
    ToolController(site: site).register(on: routes)
    CompareController(site: site).register(on: routes)
    CategoryController(site: site).register(on: routes)
    PersonaController(site: site).register(on: routes)
    SearchController(site: site).register(on: routes)
    MethodologyController(site: site).register(on: routes)
    LeaderboardController(site: site).register(on: routes)
    PanelPagesController(site: site).register(on: routes)
    VoteController(site: site).register(on: routes)
    AccountController(site: site).register(on: routes)
    BookmarksController(site: site).register(on: routes)
    NewsletterController(site: site).register(on: routes)
    ArchiveController(site: site).register(on: routes)
    FeedController(site: site).register(on: routes)
    SitemapController(site: site).register(on: routes)
    AdminController(site: site).register(on: routes)
    AdminTokensController(site: site).register(on: routes)
    APIController(site: site).register(on: routes)
    // A route in the table with no handler would answer 404 to links the site itself builds.
    precondition(routes.mismatched.isEmpty, "routes without exactly one handler: \(routes.mismatched)")
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
