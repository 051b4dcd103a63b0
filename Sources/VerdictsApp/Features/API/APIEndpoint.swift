/// Every operation of `/api/v1`, as `openapi.yaml` lists them (a test holds the two equal). The
/// docs page shows this table, and an address that exists under another method answers 405 with
/// `Allow` from it, where the router alone would say 404.
struct APIEndpoint: Sendable {
    let method: String
    let path: String
    let summary: String

    static let all = [
        APIEndpoint(method: "GET", path: "/api/v1/tools", summary: "Tools in slug order; filter by category, pricing and verdict; page with limit and cursor."),
        APIEndpoint(method: "GET", path: "/api/v1/tools/{slug}", summary: "One tool: card, pricing read, latest panel with provenance, community vote, alternatives."),
        APIEndpoint(method: "GET", path: "/api/v1/tools/{slug}/runs", summary: "Every panel run of the tool, with model, tokens and failures."),
        APIEndpoint(method: "GET", path: "/api/v1/tools/{slug}/runs/{id}", summary: "One panel run and its reviews."),
        APIEndpoint(method: "POST", path: "/api/v1/tools/{slug}/votes", summary: "Vote ship or skip on a tool."),
        APIEndpoint(method: "GET", path: "/api/v1/compare/{a}/{b}", summary: "The comparison page's data; slugs in alphabetical order (the other order answers 301)."),
        APIEndpoint(method: "POST", path: "/api/v1/compare/{a}/{b}/answers", summary: "Answer which of the two you would ship with (a, b or tie)."),
        APIEndpoint(method: "GET", path: "/api/v1/personas", summary: "The reviewer personas, in panel order."),
        APIEndpoint(method: "GET", path: "/api/v1/personas/{slug}", summary: "One persona, its score distribution and verdict history."),
        APIEndpoint(method: "GET", path: "/api/v1/categories", summary: "Every category with its tool count."),
        APIEndpoint(method: "GET", path: "/api/v1/categories/{slug}", summary: "One category and its tools, by panel score."),
        APIEndpoint(method: "GET", path: "/api/v1/search", summary: "Full-text search; q is required, every word matches as a prefix."),
        APIEndpoint(method: "GET", path: "/api/v1/leaderboard", summary: "Head-to-head strengths with 95% intervals and rank ranges, overall or per category."),
        APIEndpoint(method: "GET", path: "/api/v1/highlights", summary: "What the home page leads with: latest verdicts, closest panel splits, most-answered comparisons."),
        APIEndpoint(method: "GET", path: "/api/v1/methodology", summary: "How far the panel can be trusted: agreement between personas, calibration, same-vendor reviews, untraced claims."),
        APIEndpoint(method: "GET", path: "/api/v1/voter", summary: "Your voter cookie and the CSRF token for cookie-based votes."),
    ]

    /// A read with nothing to fill in is a link on the docs page, so a reader can open it as it is.
    /// Stored, not computed: the templates read fields by reflection.
    let link: String?

    init(method: String, path: String, summary: String) {
        (self.method, self.path, self.summary) = (method, path, summary)
        link = method != "GET" || path.contains("{") ? nil : path == "/api/v1/search" ? path + "?q=agent" : path
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
