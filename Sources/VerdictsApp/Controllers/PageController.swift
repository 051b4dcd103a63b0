import Hummingbird
import VerdictsCore

/// The home, tool and comparison pages. Each handler loads its view model and renders it.
struct PageController {
    let site: Site

    func register(on router: Router<AppRequestContext>) {
        router.get("/", use: home)
        router.get("/tools/:slug", use: tool)
        router.get("/compare/:pair", use: compare)
        router.get("/compare", use: comparePicker)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        try site.page("home", try await HomeView.load(site: site), voter: context.voter)
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

    /// The "compare with…" form on a tool page submits `?a=<slug>&b=<slug>`; send it to the page.
    @Sendable func comparePicker(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = FormQuery.parse(request)
        let a = query["a"] ?? "", b = query["b"] ?? ""
        let slugCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        guard [a, b].allSatisfy({ !$0.isEmpty && $0.count <= 60 && $0.allSatisfy(slugCharacters.contains) }) else {
            return try await site.notFound("Pick two tools to compare.", path: request.uri.path).response(from: request, context: context)
        }
        return Response.redirect(to: SiteURL.compare(a, b).path, type: .found)
    }

    @Sendable func compare(_ request: Request, context: AppRequestContext) async throws -> Response {
        let pair = context.parameters.get("pair") ?? ""
        guard let (first, second) = SiteURL.comparisonSlugs(pair) else {
            return try await site.notFound("A comparison address looks like /compare/claude-4-sonnet-vs-gpt-4o.", path: request.uri.path, near: pair)
                .response(from: request, context: context)
        }
        guard first != second else {
            return try await site.notFound("A tool cannot be compared with itself; pick a second tool.", path: request.uri.path, near: first)
                .response(from: request, context: context)
        }
        let canonical = SiteURL.compare(first, second).path
        if canonical != request.uri.path {
            return Response.redirect(to: canonical, type: .permanent)
        }
        let found = try await CatalogQueries(site.database.sql).tools(slugs: [first, second])
        guard let a = found.first(where: { $0.slug == first }), let b = found.first(where: { $0.slug == second }) else {
            let missing = found.contains { $0.slug == first } ? second : first
            return try await site.notFound("There is no tool called '\(missing)' in the catalog.", path: request.uri.path, near: missing)
                .response(from: request, context: context)
        }
        var page = try site.page("compare", try await ComparisonView.load(a, b, voter: context.voter, site: site), voter: context.voter)
        page.voteTools = [a.id, b.id]
        return try page.response(from: request, context: context)
    }
}

extension Site {
    /// A 404 page; with `near`, it suggests the tools whose names are closest to what was asked for.
    func notFound(_ message: String, path: String, near query: String? = nil) async throws -> HTMLPage {
        var suggestions: [LinkView] = []
        if let query {
            // A large catalog is narrowed to the tools sharing the first two letters before the
            // edit distances are worked out, so a 404 stays cheap at a hundred thousand tools.
            let catalog = CatalogQueries(database.sql)
            let candidates = try await catalog.toolCount() <= 2000
                ? try await catalog.tools() : try await catalog.tools(slugPrefix: String(query.prefix(2)), limit: 2000)
            suggestions = ErrorPageView.closestTools(to: query, in: candidates)
        }
        return try page("error", ErrorPageView.notFound(message, path: path, suggestions: suggestions, site: self), status: .notFound)
    }
}
