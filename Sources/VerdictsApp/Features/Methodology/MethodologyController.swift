import Hummingbird
import VerdictsCore

/// `/methodology`: how the panel works, with its measured agreement, stability and calibration.
struct MethodologyController {
    let site: Site

    func register(on routes: SiteRoutes) {
        routes.on(.methodology, use: methodology)
    }

    @Sendable func methodology(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        try site.page("methodology", try await MethodologyView.load(site: site), voter: context.voter)
    }
}
