/// Every path the site links to, built in one place so a route and its links cannot drift apart.
public enum SiteURL: Sendable, Equatable {
    case home
    case healthz
    case tool(String)
    case compare(String, String)
    case category(String)
    case persona(String)
    case search
    case methodology
    case sitemap
    case robots
    case feed
    case bookmarks
    case panelLive(String)
    case pairwiseLive(String, String)
    case runs(String)
    case run(String, Int)
    case runDiff(String, from: Int, to: Int)
    case apiDocs
    case apiDocument
    case apiTools
    case apiTool(String)
    case apiRuns(String)
    case apiRun(String, Int)
    case apiCompare(String, String)
    case apiPersona(String)
    case apiCategory(String)
    case apiVoter

    public var path: String {
        switch self {
        case .home: "/"
        case .healthz: "/healthz"
        case .tool(let slug): "/tools/\(slug)"
        case .compare(let a, let b):
            // The canonical comparison orders the slugs alphabetically.
            a <= b ? "/compare/\(a)-vs-\(b)" : "/compare/\(b)-vs-\(a)"
        case .category(let slug): "/categories/\(slug)"
        case .persona(let slug): "/personas/\(slug)"
        case .search: "/search"
        case .methodology: "/methodology"
        case .sitemap: "/sitemap.xml"
        case .robots: "/robots.txt"
        case .feed: "/feed.xml"
        case .bookmarks: "/bookmarks"
        case .panelLive(let slug): "/tools/\(slug)/panel/live"
        case .pairwiseLive(let a, let b): SiteURL.compare(a, b).path + "/panel/live"
        case .runs(let slug): "/tools/\(slug)/runs"
        case .run(let slug, let id): "/tools/\(slug)/runs/\(id)"
        case .runDiff(let slug, let from, let to): "/tools/\(slug)/runs/compare?from=\(from)&to=\(to)"
        case .apiDocs: "/api"
        case .apiDocument: "/api/openapi.yaml"
        case .apiTools: "/api/v1/tools"
        case .apiTool(let slug): "/api/v1/tools/\(slug)"
        case .apiRuns(let slug): "/api/v1/tools/\(slug)/runs"
        case .apiRun(let slug, let id): "/api/v1/tools/\(slug)/runs/\(id)"
        case .apiCompare(let a, let b): a <= b ? "/api/v1/compare/\(a)/\(b)" : "/api/v1/compare/\(b)/\(a)"
        case .apiPersona(let slug): "/api/v1/personas/\(slug)"
        case .apiCategory(let slug): "/api/v1/categories/\(slug)"
        case .apiVoter: "/api/v1/voter"
        }
    }

    /// Splits `claude-4-sonnet-vs-gpt-4o` into its two slugs. Slugs never contain `-vs-`
    /// (the catalog validator rejects it), so the split is unambiguous.
    public static func comparisonSlugs(_ pair: String) -> (String, String)? {
        let parts = pair.components(separatedBy: "-vs-")
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (parts[0], parts[1])
    }
}
