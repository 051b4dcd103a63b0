import Hummingbird
import VerdictsCore

/// `/api/v1/tools…` and `/api/v1/compare…`: the data of the tool and comparison pages, and the
/// panel's runs. Each handler validates, queries, builds the document and answers with an ETag.
struct APIToolsController {
    let site: Site

    func register(on routes: SiteRoutes) {
        routes.on(.apiTools, use: list)
        routes.on(.apiTool, use: tool)
        routes.on(.apiRuns, use: runs)
        routes.on(.apiRun, use: run)
        routes.on(.apiCompare, use: compare)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = APIQuery(request)
        let limit = try query.int("limit", in: 1...100, default: 20)
        let pricing = try query.choice("pricing", PricingModel.self)
        let verdict = try query.choice("verdict", PanelCall.self)
        // Keyset paging on the slug: a page is stable while tools are added elsewhere in the order.
        let after = try query.slug("cursor")
        let catalog = CatalogQueries(site.database.sql)
        let categories = try await catalog.categories()
        var categoryId: Int?
        if let slug = try query.slug("category") {
            guard let category = categories.first(where: { $0.slug == slug }) else {
                throw APIProblem.notFound("There is no category called '\(slug)'. GET /api/v1/categories lists them.")
            }
            categoryId = category.id
        }
        let byId = Dictionary(uniqueKeysWithValues: categories.map { ($0.id, $0) })
        // The database filters on category and pricing and pages on the slug; the verdict comes from
        // the panel, so tools are read in batches until the page (and one more, for the cursor) is full.
        var matching: [(ToolRow, PanelSummary)] = []
        var cursor = after
        while matching.count <= limit {
            let batch = try await catalog.tools(afterSlug: cursor, categoryId: categoryId, pricing: pricing, limit: 200)
            guard let last = batch.last else { break }
            let panels = try await PanelQueries(site.database.sql).latestPanels(toolIds: batch.map(\.id))
            matching += batch.map { ($0, PanelSummary(panels[$0.id] ?? [])) }.filter { verdict == nil || $0.1.verdict == verdict }
            cursor = last.slug
        }
        let page = matching.prefix(limit)
        let votes = try await VoteQueries(site.database.sql).toolCounts(toolIds: page.map(\.0.id))
        return try APIJSON.read(API.ToolPage(
            data: page.map { API.ToolSummary($0.0, category: byId[$0.0.categoryId], panel: $0.1, votes: votes[$0.0.id]) },
            nextCursor: matching.count > limit ? page.last?.0.slug : nil), request: request)
    }

    @Sendable func tool(_ request: Request, context: AppRequestContext) async throws -> Response {
        try APIJSON.read(API.tool(try await ToolReading.read(try await findTool(context), site: site)), request: request)
    }

    @Sendable func runs(_ request: Request, context: AppRequestContext) async throws -> Response {
        let tool = try await findTool(context)
        let history = try await RunHistoryReading.read(tool: tool, site: site)
        return try APIJSON.read(API.List(data: history.entries.map { API.Run($0.run, toolSlug: tool.slug, reviewCount: $0.reviewCount) }), request: request)
    }

    @Sendable func run(_ request: Request, context: AppRequestContext) async throws -> Response {
        let tool = try await findTool(context)
        let raw = context.parameters.get("id") ?? ""
        guard let id = Int(raw), id > 0 else {
            throw APIProblem.badRequest("A run id is a positive whole number, as listed by GET \(SiteURL.apiRuns(tool.slug).path); '\(raw.prefix(30))' is not.")
        }
        guard let reading = try await RunReading.read(tool: tool, runId: id, site: site) else {
            throw APIProblem.notFound("\(tool.name) has no panel run \(id). GET \(SiteURL.apiRuns(tool.slug).path) lists its runs.")
        }
        return try APIJSON.read(API.RunDetail(base: API.Run(reading.run, toolSlug: tool.slug, reviewCount: reading.reviews.count),
                                              extra: API.RunReviews(reviews: reading.reviews.map(API.Review.init))), request: request)
    }

    @Sendable func compare(_ request: Request, context: AppRequestContext) async throws -> Response {
        let list = "GET /api/v1/tools"
        let first = try APIQuery.pathSlug(context, "a", kind: "tool", listedAt: list)
        let second = try APIQuery.pathSlug(context, "b", kind: "tool", listedAt: list)
        guard first != second else { throw APIProblem.notFound("A tool cannot be compared with itself; name a second tool.") }
        guard first < second else {
            // One address per pair, so caches hold one copy: the slugs in alphabetical order.
            return Response(status: .movedPermanently, headers: [.location: SiteURL.apiCompare(first, second).path, .cacheControl: "public, max-age=86400"])
        }
        // Both tools in one statement, as the comparison page reads them.
        let found = try await CatalogQueries(site.database.sql).tools(slugs: [first, second])
        guard let a = found.first(where: { $0.slug == first }) else { throw APIProblem.notFound("There is no tool called '\(first)'. \(list) lists them.") }
        guard let b = found.first(where: { $0.slug == second }) else { throw APIProblem.notFound("There is no tool called '\(second)'. \(list) lists them.") }
        return try APIJSON.read(try await APIComparison.load(a, b, site: site), request: request)
    }

    private func findTool(_ context: AppRequestContext) async throws -> ToolRow {
        let slug = try APIQuery.pathSlug(context, "slug", kind: "tool", listedAt: "GET /api/v1/tools")
        guard let tool = try await CatalogQueries(site.database.sql).tool(slug: slug) else {
            throw APIProblem.notFound("There is no tool called '\(slug)'. GET /api/v1/tools lists them, and GET /api/v1/search?q= finds them.")
        }
        return tool
    }
}
