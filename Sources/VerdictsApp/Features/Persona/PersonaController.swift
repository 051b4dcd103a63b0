import Hummingbird
import VerdictsCore

/// `/personas/<slug>`: a reviewer persona, its rubric, its calibration and its reviews.
struct PersonaController {
    let site: Site

    func register(on routes: SiteRoutes) {
        routes.on(.persona, use: persona)
    }

    @Sendable func persona(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        let slug = context.parameters.get("slug") ?? ""
        guard let view = try await PersonaView.load(slug: slug, site: site) else {
            return try await site.notFound("There is no reviewer persona called '\(slug)'.", path: request.uri.path)
        }
        return try site.page("persona", view, voter: context.voter)
    }
}
