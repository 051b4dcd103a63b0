import Foundation
import Hummingbird
import VerdictsCore

/// `/api/v1` personas, categories, search, leaderboard and the caller's voter identity.
struct APIDirectoryController {
    let site: Site

    func register(on routes: SiteRoutes) {
        routes.on(.apiPersonas, use: personas)
        routes.on(.apiPersona, use: persona)
        routes.on(.apiCategories, use: categories)
        routes.on(.apiCategory, use: category)
        routes.on(.apiSearch, use: search)
        routes.on(.apiLeaderboard, use: leaderboard)
        routes.on(.apiVoter, use: voter)
        routes.on(.apiHighlights, use: highlights)
        routes.on(.apiMethodology, use: methodology)
    }

    /// The panel's reliability, as `/methodology` shows it.
    @Sendable func methodology(_ request: Request, context: AppRequestContext) async throws -> Response {
        try APIJSON.read(API.Methodology(try await ReliabilityReport.load(site.database.sql)), request: request)
    }

    @Sendable func personas(_ request: Request, context: AppRequestContext) async throws -> Response {
        try APIJSON.read(API.List(data: try await CatalogQueries(site.database.sql).personas().map(API.Persona.init)), request: request)
    }

    @Sendable func persona(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = try APIQuery.pathSlug(context, "slug", kind: "persona", listedAt: "GET /api/v1/personas")
        guard let reading = try await PersonaReading.read(slug: slug, site: site) else {
            throw APIProblem.notFound("There is no reviewer persona called '\(slug)'. GET /api/v1/personas lists them.")
        }
        let bands = reading.distribution.map { API.ScoreBand(from: $0.scores.lowerBound, to: $0.scores.upperBound, count: $0.count) }
        return try APIJSON.read(API.PersonaDetail(
            base: API.Persona(reading.persona),
            extra: API.PersonaRecord(distribution: bands, history: reading.history.map {
                API.PersonaVerdict(tool: $0.toolSlug, toolName: $0.toolName, score: $0.score, verdict: $0.verdict, source: $0.source,
                                   model: $0.model, promptVersion: $0.promptVersion, createdAt: $0.createdAt)
            })), request: request)
    }

    @Sendable func categories(_ request: Request, context: AppRequestContext) async throws -> Response {
        let catalog = CatalogQueries(site.database.sql)
        let counts = try await catalog.toolCountsByCategory()
        return try APIJSON.read(API.List(data: try await catalog.categories().map { API.Category($0, toolCount: counts[$0.id] ?? 0) }),
                                request: request)
    }

    @Sendable func category(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = try APIQuery.pathSlug(context, "slug", kind: "category", listedAt: "GET /api/v1/categories")
        let catalog = CatalogQueries(site.database.sql)
        guard let category = try await catalog.categories().first(where: { $0.slug == slug }) else {
            throw APIProblem.notFound("There is no category called '\(slug)'. GET /api/v1/categories lists them.")
        }
        // The page's reading, in its default order (best panel score first).
        let reading = try await CategoryReading.read(category, site: site)
        return try APIJSON.read(API.CategoryDetail(
            base: API.Category(category, toolCount: reading.entries.count),
            extra: API.CategoryTools(tools: reading.entries.map { API.ToolSummary($0.tool, category: category, panel: $0.panel, votes: $0.votes) })),
            request: request)
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = APIQuery(request)
        guard let text = try query.text("q", maxLength: 200) else {
            throw APIProblem.badRequest("Say what to search for in q, as in /api/v1/search?q=claude.")
        }
        let limit = try query.int("limit", in: 1...50, default: 20)
        let hits = try await site.search(text, limit: limit)
        return try APIJSON.read(API.SearchResults(query: text, data: hits.map {
            API.SearchHit(slug: $0.slug, name: $0.name, vendor: $0.vendor, tagline: $0.tagline,
                          url: SiteURL.tool($0.slug).path, apiURL: SiteURL.apiTool($0.slug).path)
        }), request: request)
    }

    @Sendable func leaderboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let catalog = CatalogQueries(site.database.sql)
        var category: CategoryRow?
        if let slug = try APIQuery(request).slug("category") {
            category = try await catalog.categories().first { $0.slug == slug }
            guard category != nil else { throw APIProblem.notFound("There is no category called '\(slug)'. GET /api/v1/categories lists them.") }
        }
        let reading = try await LeaderboardReading.read(category: category, limit: nil, site: site)
        let rows = reading.entries.map { entry in
            let (standing, rating) = (entry.standing, entry.standing.rating)
            return API.Standing(tool: entry.tool.slug, name: entry.tool.name, bestRank: standing.bestRank, worstRank: standing.worstRank,
                                strength: rating.strength, lower: rating.lower, upper: rating.upper, matchups: rating.matchups)
        }
        return try APIJSON.read(API.Leaderboard(category: category?.slug, computedAt: reading.computedAt, data: rows), request: request)
    }

    @Sendable func highlights(_ request: Request, context: AppRequestContext) async throws -> Response {
        let home = try await HomeHighlights.load(site: site)
        func summary(_ tool: ToolRow) -> API.ToolSummary {
            API.ToolSummary(tool, category: home.category(of: tool), panel: home.panel(of: tool), votes: home.votes[tool.id])
        }
        return try APIJSON.read(API.Highlights(
            latest: home.latest.map { API.Highlights.Latest(tool: summary($0.0), verdictAt: $0.1) },
            splits: home.splits.map { API.Highlights.Split(tool: summary($0.0), spread: $0.1.spread, label: $0.1.label) },
            popularComparisons: home.popular.map { API.Highlights.Popular(base: API.RelatedComparison($0, $1), extra: .init(answers: $2)) }),
            request: request)
    }

    /// Gives a script or a page the voter cookie (the middleware sets it on this address) and the
    /// CSRF token its votes must carry in `X-CSRF-Token`.
    @Sendable func voter(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let voter = context.voter else { throw APIProblem.internalError }
        return try APIJSON.written(API.VoterInfo(kind: voter.account == nil ? "anonymous" : "account", csrfToken: site.signer.csrfToken(for: voter)))
    }
}
