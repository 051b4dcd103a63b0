import Hummingbird

/// Registers each route of the `Route` table on the router group of its policy, so the middleware
/// a route runs behind is decided here, once, and never by looking at an address. Controllers
/// attach their handlers with `on(_:use:)`; `mismatched` tells the router which routes have none, or two.
final class SiteRoutes {
    private var groups: [RoutePolicy: RouterGroup<AppRequestContext>] = [:]
    private var registered: [Route] = []

    init(router: Router<AppRequestContext>, site: Site) {
        let wellFormed = WellFormedQueryMiddleware()
        let voter = VoterMiddleware(signer: site.signer, secureCookies: site.secureCookies, database: site.database, mints: true, clock: site.clock)
        // Each group is built whole before any route joins it: Hummingbird applies a group's
        // middleware to the routes added after it.
        for policy in RoutePolicy.allCases {
            var group = router.group()
            switch policy {
            case .bare:
                group = group.add(middleware: wellFormed)
            case .publicPage:
                group = group.add(middleware: wellFormed).add(middleware: voter)
                if let pageCache = site.pageCache { group = group.add(middleware: PageCacheMiddleware(cache: pageCache, site: site)) }
            case .readerPage, .form:
                group = group.add(middleware: wellFormed).add(middleware: voter)
            case .signedIn:
                group = group.add(middleware: wellFormed).add(middleware: voter).add(middleware: SignedInMiddleware())
            case .admin:
                group = group.add(middleware: wellFormed).add(middleware: voter).add(middleware: AdminOnlyMiddleware(site: site))
            case .api, .apiVoter:
                // API reads are the same for everyone and cacheable, so they set no cookie; only
                // /api/v1/voter hands one out, to callers that mean to vote with it.
                let apiVoter = VoterMiddleware(signer: site.signer, secureCookies: site.secureCookies, database: site.database,
                                           mints: policy == .apiVoter, clock: site.clock)
                group = group.add(middleware: APIProblemMiddleware()).add(middleware: wellFormed)
                    .add(middleware: apiVoter).add(middleware: APIClientMiddleware(site: site))
            }
            groups[policy] = group
        }
    }

    /// Serves `route` with `handler`, behind its policy's middleware.
    func on(_ route: Route, use handler: @Sendable @escaping (Request, AppRequestContext) async throws -> some ResponseGenerator) {
        groups[route.policy]!.on(RouterPath(route.pattern), method: route.method, use: handler)
        registered.append(route)
    }

    /// Routes in the table that no controller serves (or serves twice): empty when the two agree.
    var mismatched: [Route] {
        Route.allCases.filter { route in registered.filter { $0 == route }.count != 1 }
    }
}
