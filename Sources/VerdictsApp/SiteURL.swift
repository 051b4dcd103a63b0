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
    case runs(String)
    case run(String, Int)
    case runDiff(String, from: Int, to: Int)

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
        case .runs(let slug): "/tools/\(slug)/runs"
        case .run(let slug, let id): "/tools/\(slug)/runs/\(id)"
        case .runDiff(let slug, let from, let to): "/tools/\(slug)/runs/compare?from=\(from)&to=\(to)"
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
