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
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: GzipMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    if !site.trustedProxies.isEmpty { router.add(middleware: ClientAddressMiddleware(trusted: site.trustedProxies)) }
    router.add(middleware: ErrorPageMiddleware(site: site))
    router.add(middleware: WellFormedQueryMiddleware())
    router.add(middleware: VoterMiddleware(signer: site.signer, secureCookies: site.secureCookies, database: site.database))
    if let pageCache = site.pageCache { router.add(middleware: PageCacheMiddleware(cache: pageCache, site: site)) }
    HealthController(site: site).register(on: router)
    PageController(site: site).register(on: router)
    CatalogPagesController(site: site).register(on: router)
    PanelPagesController(site: site).register(on: router)
    FeedController(site: site).register(on: router)
    SitemapController(site: site).register(on: router)
    VoteController(site: site).register(on: router)
    NewsletterController(site: site).register(on: router)
    ArchiveController(site: site).register(on: router)
    AccountController(site: site).register(on: router)
    AdminController(site: site).register(on: router)
    AdminTokensController(site: site).register(on: router)
    APIController(site: site).register(on: router)
    return SiteResponderBuilder(router: router)
}

public func buildApplication(site: Site, settings: ServerSettings, logger: Logger) -> some ApplicationProtocol {
    Application(
        router: buildRouter(site: site),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "Verdicts"),
        logger: logger)
}
