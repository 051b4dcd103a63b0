import Hummingbird
import VerdictsCore

/// Category, persona, search and methodology pages, and the fingerprinted static assets.
struct CatalogPagesController {
    let site: Site

    func register(on router: Router<AppRequestContext>) {
        router.get("/categories/:slug", use: category)
        router.get("/personas/:slug", use: persona)
        router.get("/search", use: search)
        router.get("/methodology", use: methodology)
        router.get("/assets/:file", use: asset)
        router.get(RouterPath(SiteURL.bookmarks.path), use: bookmarks)
    }

    @Sendable func category(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        let slug = context.parameters.get("slug") ?? ""
        guard let view = try await CategoryView.load(slug: slug, query: FormQuery.parse(request), site: site) else {
            return try await site.notFound("There is no category called '\(slug)'.", path: request.uri.path)
        }
        return try site.page("category", view, voter: context.voter)
    }

    @Sendable func persona(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        let slug = context.parameters.get("slug") ?? ""
        guard let view = try await PersonaView.load(slug: slug, site: site) else {
            return try await site.notFound("There is no reviewer persona called '\(slug)'.", path: request.uri.path)
        }
        return try site.page("persona", view, voter: context.voter)
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        let query = FormQuery.parse(request)
        let view = try await SearchView.load(query: query["q"] ?? "", site: site)
        let fragment = query["fragment"] == "1"
        return try site.page(fragment ? "search-results" : "search", view, voter: context.voter)
    }

    @Sendable func methodology(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        try site.page("methodology", try await MethodologyView.load(site: site), voter: context.voter)
    }

    @Sendable func bookmarks(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        try site.page("bookmarks", try await BookmarksView.load(voter: context.voter, site: site), voter: context.voter)
    }

    @Sendable func asset(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let response = site.assets.response(for: context.parameters.get("file") ?? "") else {
            throw HTTPError(.notFound)
        }
        return response
    }
}
