import Hummingbird
import VerdictsCore

/// `/categories/<slug>`: a category's tools, sorted and filtered.
struct CategoryController {
    let site: Site

    func register(on routes: SiteRoutes) {
        routes.on(.category, use: category)
    }

    @Sendable func category(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        let slug = context.parameters.get("slug") ?? ""
        guard let view = try await CategoryView.load(slug: slug, query: FormQuery.parse(request), site: site) else {
            return try await site.notFound("There is no category called '\(slug)'.", path: request.uri.path)
        }
        return try site.page("category", view, voter: context.voter)
    }
}
