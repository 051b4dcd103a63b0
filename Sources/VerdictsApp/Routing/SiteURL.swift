import Foundation

/// Every address the site links to, redirects to or puts in a form, built in one place so a route
/// and its links cannot drift apart: each case lands on one pattern of the `Route` table (a test
/// holds the two together), and no other code writes a path out.
public enum SiteURL: Sendable, Equatable {
    case home
    case healthz
    case asset(String)
    case tool(String)
    case compare(String, String)
    case comparePicker
    case category(String)
    case persona(String)
    case search
    case methodology
    case leaderboard
    case sitemap
    case sitemapFile(String)
    case robots
    case feed
    case bookmarks
    case accountBookmarks
    case panelLive(String)
    case pairwiseLive(String, String)
    case runs(String)
    case run(String, Int)
    case runDiff(String, from: Int, to: Int)
    case runDiffForm(String)
    case voteOnTool(String)
    case answer(String, String)
    case signIn
    case signInConfirm(token: String?)
    case signOut
    case newsletter
    case newsletterConfirm(token: String)
    case unsubscribe(token: String?)
    case archive
    case archiveIssue(String)
    case admin
    case adminTools
    case adminNewTool
    case adminTool(String)
    case adminQueuePanel(String)
    case adminVotes
    case adminTokens
    case adminRevokeToken(Int)
    case apiDocs
    case apiDocument
    case apiTools
    case apiTool(String)
    case apiRuns(String)
    case apiRun(String, Int)
    case apiVote(String)
    case apiCompare(String, String)
    case apiAnswer(String, String)
    case apiPersonas
    case apiPersona(String)
    case apiCategories
    case apiCategory(String)
    case apiSearch
    case apiLeaderboard
    case apiHighlights
    case apiMethodology
    case apiVoter

    public var path: String {
        switch self {
        case .home: "/"
        case .healthz: "/healthz"
        case .asset(let file): "/assets/\(file)"
        case .tool(let slug): "/tools/\(slug)"
        case .compare(let a, let b):
            // The canonical comparison orders the slugs alphabetically.
            a <= b ? "/compare/\(a)-vs-\(b)" : "/compare/\(b)-vs-\(a)"
        case .comparePicker: "/compare"
        case .category(let slug): "/categories/\(slug)"
        case .persona(let slug): "/personas/\(slug)"
        case .search: "/search"
        case .methodology: "/methodology"
        case .leaderboard: "/leaderboard"
        case .sitemap: "/sitemap.xml"
        case .sitemapFile(let name): "/sitemaps/\(name).xml"
        case .robots: "/robots.txt"
        case .feed: "/feed.xml"
        case .bookmarks: "/bookmarks"
        case .accountBookmarks: "/account/bookmarks"
        case .panelLive(let slug): SiteURL.tool(slug).path + "/panel/live"
        case .pairwiseLive(let a, let b): SiteURL.compare(a, b).path + "/panel/live"
        case .runs(let slug): SiteURL.tool(slug).path + "/runs"
        case .run(let slug, let id): SiteURL.runs(slug).path + "/\(id)"
        case .runDiff(let slug, let from, let to): SiteURL.runDiffForm(slug).path + "?from=\(from)&to=\(to)"
        case .runDiffForm(let slug): SiteURL.runs(slug).path + "/compare"
        case .voteOnTool(let slug): SiteURL.tool(slug).path + "/vote"
        case .answer(let a, let b): SiteURL.compare(a, b).path + "/answer"
        case .signIn: "/signin"
        case .signInConfirm(let token): "/signin/confirm" + Self.query(token.map { ["token": $0] } ?? [:])
        case .signOut: "/signout"
        case .newsletter: "/newsletter"
        case .newsletterConfirm(let token): "/newsletter/confirm" + Self.query(["token": token])
        case .unsubscribe(let token): "/newsletter/unsubscribe" + Self.query(token.map { ["token": $0] } ?? [:])
        case .archive: "/newsletter/archive"
        case .archiveIssue(let issue): "/newsletter/\(issue)"
        case .admin: "/admin"
        case .adminTools: "/admin/tools"
        case .adminNewTool: "/admin/tools/new"
        case .adminTool(let slug): "/admin/tools/\(slug)"
        case .adminQueuePanel(let slug): SiteURL.adminTool(slug).path + "/panel"
        case .adminVotes: "/admin/votes"
        case .adminTokens: "/admin/api-tokens"
        case .adminRevokeToken(let id): "/admin/api-tokens/\(id)/revoke"
        case .apiDocs: "/api"
        case .apiDocument: "/api/openapi.yaml"
        case .apiTools: Route.apiPrefix + "/tools"
        case .apiTool(let slug): Route.apiPrefix + "/tools/\(slug)"
        case .apiRuns(let slug): SiteURL.apiTool(slug).path + "/runs"
        case .apiRun(let slug, let id): SiteURL.apiRuns(slug).path + "/\(id)"
        case .apiVote(let slug): SiteURL.apiTool(slug).path + "/votes"
        case .apiCompare(let a, let b): a <= b ? Route.apiPrefix + "/compare/\(a)/\(b)" : Route.apiPrefix + "/compare/\(b)/\(a)"
        case .apiAnswer(let a, let b): SiteURL.apiCompare(a, b).path + "/answers"
        case .apiPersonas: Route.apiPrefix + "/personas"
        case .apiPersona(let slug): Route.apiPrefix + "/personas/\(slug)"
        case .apiCategories: Route.apiPrefix + "/categories"
        case .apiCategory(let slug): Route.apiPrefix + "/categories/\(slug)"
        case .apiSearch: Route.apiPrefix + "/search"
        case .apiLeaderboard: Route.apiPrefix + "/leaderboard"
        case .apiHighlights: Route.apiPrefix + "/highlights"
        case .apiMethodology: Route.apiPrefix + "/methodology"
        case .apiVoter: Route.apiPrefix + "/voter"
        }
    }

    /// The path with a query string, each value percent-encoded; pairs in the order given.
    public func with(_ query: KeyValuePairs<String, String>) -> String {
        path + Self.query(query.map { ($0.key, $0.value) })
    }

    /// The path with a fragment: `SiteURL.methodology.anchor("calibration")`.
    public func anchor(_ fragment: String) -> String { path + "#" + fragment }

    private static func query(_ items: [String: String]) -> String {
        query(items.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    private static func query(_ items: [(String, String)]) -> String {
        items.isEmpty ? "" : "?" + items.map { $0 + "=" + $1.formURLEncoded }.joined(separator: "&")
    }

    /// Splits `claude-4-sonnet-vs-gpt-4o` into its two slugs. Slugs never contain `-vs-`
    /// (the catalog validator rejects it), so the split is unambiguous.
    public static func comparisonSlugs(_ pair: String) -> (String, String)? {
        let parts = pair.components(separatedBy: "-vs-")
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (parts[0], parts[1])
    }
}

extension String {
    /// Percent-encoded for a query string value.
    var formURLEncoded: String {
        addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }
}
