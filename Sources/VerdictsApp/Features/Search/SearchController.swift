import Hummingbird
import VerdictsCore

/// `/search`: the search page, and the results fragment the page's script asks for as a reader types.
struct SearchController {
    let site: Site

    func register(on routes: SiteRoutes) {
        routes.on(.search, use: search)
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        let query = FormQuery.parse(request)
        let view = try await SearchView.load(query: query["q"] ?? "", site: site)
        let fragment = query["fragment"] == "1"
        return try site.page(fragment ? "search-results" : "search", view, voter: context.voter)
    }
}
