import Hummingbird
import VerdictsCore

/// `/`: the home page.
struct HomeController {
    let site: Site

    func register(on routes: SiteRoutes) {
        routes.on(.home, use: home)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        try site.page("home", try await HomeView.load(site: site), voter: context.voter)
    }
}
