import Hummingbird
import VerdictsCore

/// `/tools/<slug>`: a tool's page, with its panel verdict, votes and pricing.
struct ToolController {
    let site: Site

    func register(on routes: SiteRoutes) {
        routes.on(.tool, use: tool)
    }

    @Sendable func tool(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        let slug = context.parameters.get("slug") ?? ""
        guard let view = try await ToolPageView.load(slug: slug, voter: context.voter, site: site) else {
            return try await site.notFound("There is no tool called '\(slug)' in the catalog.", path: request.uri.path, near: slug)
        }
        var page = try site.page("tool", view, voter: context.voter)
        page.voteTools = [view.toolId]
        return page
    }
}
