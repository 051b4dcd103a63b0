import Hummingbird
import VerdictsCore

/// `/compare/<a>-vs-<b>`, and `/compare?a=…&b=…`, which the "compare with…" form submits.
struct CompareController {
    let site: Site

    func register(on routes: SiteRoutes) {
        routes.on(.compare, use: compare)
        routes.on(.comparePicker, use: comparePicker)
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
