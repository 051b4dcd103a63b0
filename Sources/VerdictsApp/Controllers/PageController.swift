import Hummingbird
import VerdictsCore

/// The reader-facing pages. Each handler loads its view model and renders it; nothing more.
struct PageController {
    let site: Site

    func register(on router: Router<BasicRequestContext>) {
        router.get("/", use: home)
        router.get("/tools/:slug", use: tool)
        router.get("/compare/:pair", use: compare)
    }

    @Sendable func home(_ request: Request, context: BasicRequestContext) async throws -> HTMLPage {
        try site.page("home", try await HomeView.load(site: site))
    }

    @Sendable func tool(_ request: Request, context: BasicRequestContext) async throws -> HTMLPage {
        let slug = context.parameters.get("slug") ?? ""
        guard let view = try await ToolPageView.load(slug: slug, site: site) else {
            return try await notFound("There is no tool called '\(slug)' in the catalog.", near: slug)
        }
        return try site.page("tool", view)
    }

    @Sendable func compare(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let pair = context.parameters.get("pair") ?? ""
        guard let (first, second) = SiteURL.comparisonSlugs(pair) else {
            return try await notFound("A comparison address looks like /compare/claude-4-sonnet-vs-gpt-4o.", near: pair)
                .response(from: request, context: context)
        }
        guard first != second else {
            return try await notFound("A tool cannot be compared with itself; pick a second tool.", near: first)
                .response(from: request, context: context)
        }
        let canonical = SiteURL.compare(first, second).path
        if canonical != request.uri.path {
            return Response.redirect(to: canonical, type: .permanent)
        }
        let catalog = CatalogQueries(site.database.sql)
        guard let a = try await catalog.tool(slug: first), let b = try await catalog.tool(slug: second) else {
            let missing = try await catalog.tool(slug: first) == nil ? first : second
            return try await notFound("There is no tool called '\(missing)' in the catalog.", near: missing)
                .response(from: request, context: context)
        }
        return try site.page("compare", try await ComparisonView.load(a, b, site: site))
            .response(from: request, context: context)
    }

    private func notFound(_ message: String, near query: String) async throws -> HTMLPage {
        let tools = try await CatalogQueries(site.database.sql).tools()
        let view = ErrorPageView.notFound(message, suggestions: ErrorPageView.closestTools(to: query, in: tools))
        return try site.page("error", view, status: .notFound)
    }
}
