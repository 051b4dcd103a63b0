/// Every operation of `/api/v1` (the API routes of the `Route` table) with the line the docs page
/// gives it, as `openapi.yaml` lists them (a test holds the two equal). An address that exists
/// under another method answers 405 with `Allow` from it, where the router alone would say 404.
struct APIEndpoint: Sendable {
    let method: String
    let path: String
    let summary: String

    static let all: [APIEndpoint] = Route.allCases.filter { [.api, .apiVoter].contains($0.policy) }.map { route in
        APIEndpoint(method: route.method.rawValue, path: route.pattern, summary: summaries[route] ?? "")
    }

    private static let summaries: [Route: String] = [
        .apiTools: "Tools in slug order; filter by category, pricing and verdict; page with limit and cursor.",
        .apiTool: "One tool: card, pricing read, latest panel with provenance, community vote, alternatives.",
        .apiRuns: "Every panel run of the tool, with model, tokens and failures.",
        .apiRun: "One panel run and its reviews.",
        .apiVoteOnTool: "Vote ship or skip on a tool.",
        .apiCompare: "The comparison page's data; slugs in alphabetical order (the other order answers 301).",
        .apiAnswer: "Answer which of the two you would ship with (a, b or tie).",
        .apiPersonas: "The reviewer personas, in panel order.",
        .apiPersona: "One persona, its score distribution and verdict history.",
        .apiCategories: "Every category with its tool count.",
        .apiCategory: "One category and its tools, by panel score.",
        .apiSearch: "Full-text search; q is required, every word matches as a prefix.",
        .apiLeaderboard: "Head-to-head strengths with 95% intervals and rank ranges, overall or per category.",
        .apiHighlights: "What the home page leads with: latest verdicts, closest panel splits, most-answered comparisons.",
        .apiMethodology: "How far the panel can be trusted: agreement between personas, calibration, same-vendor reviews, untraced claims.",
        .apiVoter: "Your voter cookie and the CSRF token for cookie-based votes.",
    ]

    /// A read with nothing to fill in is a link on the docs page, so a reader can open it as it is.
    /// Stored, not computed: the templates read fields by reflection.
    let link: String?

    init(method: String, path: String, summary: String) {
        (self.method, self.path, self.summary) = (method, path, summary)
        link = method != "GET" || path.contains("{") ? nil : path == SiteURL.apiSearch.path ? SiteURL.apiSearch.with(["q": "agent"]) : path
    }

    /// Whether a concrete path fills this endpoint's template (`{slug}` takes one segment).
    func matches(_ concrete: String) -> Bool {
        let template = path.split(separator: "/"), parts = concrete.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard template.count == parts.count else { return false }
        return zip(template, parts).allSatisfy { pattern, part in pattern.hasPrefix("{") ? !part.isEmpty : pattern == part }
    }

    /// The methods a path takes (HEAD wherever GET is), or none when no endpoint lives there.
    static func methods(at path: String) -> [String] {
        all.filter { $0.matches(path) }.flatMap { $0.method == "GET" ? ["GET", "HEAD"] : [$0.method] }
    }
}
