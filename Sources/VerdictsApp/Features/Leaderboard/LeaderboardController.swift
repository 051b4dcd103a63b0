import Hummingbird
import VerdictsCore

/// `/leaderboard`: the head-to-head standings, overall or in one category.
struct LeaderboardController {
    let site: Site

    func register(on routes: SiteRoutes) {
        routes.on(.leaderboard, use: leaderboard)
    }

    @Sendable func leaderboard(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        let category = FormQuery.parse(request)["category"].flatMap { $0.isEmpty ? nil : $0 }
        return try site.page("leaderboard", try await LeaderboardView.load(categorySlug: category, site: site), voter: context.voter)
    }
}
