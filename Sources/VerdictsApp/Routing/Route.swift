import HTTPTypes

/// Every route the site serves, one case per method and address pattern: pages, forms, the admin
/// desk, the API and assets alike. The router is registered from this table (`SiteRoutes`), the
/// middleware a route runs behind follows from its `policy`, and every link is built by `SiteURL`,
/// whose cases each name the route they land on. Tests hold the three together.
enum Route: CaseIterable, Sendable, Hashable {
    case health, asset, apiDocument, robots, feed, sitemap, sitemapFile
    case home, tool, compare, category, persona, search, methodology, leaderboard
    case comparePicker, panelLive, pairwiseLive, runs, runDiff, run, apiDocs
    case voteOnTool, answerHeadToHead
    case signInPage, requestSignIn, signInConfirmPage, confirmSignIn, signOut
    case bookmarksPage, accountBookmarks, changeBookmarks
    case newsletter, newsletterSignUp, newsletterConfirm, unsubscribePage, unsubscribe, archive, archiveIssue
    case adminHome, adminTools, adminNewTool, adminCreateTool, adminEditTool, adminUpdateTool, adminQueuePanel
    case adminVotes, adminModerate, adminTokens, adminCreateToken, adminRevokeToken
    case apiTools, apiTool, apiRuns, apiRun, apiVoteOnTool, apiCompare, apiAnswer
    case apiPersonas, apiPersona, apiCategories, apiCategory, apiSearch, apiLeaderboard, apiHighlights, apiMethodology
    case apiVoter

    /// Where the JSON API lives; an unknown address under it is answered with a problem document.
    static let apiPrefix = "/api/v1"

    var method: HTTPRequest.Method { spec.method }
    /// The address pattern; `{name}` captures one segment.
    var pattern: String { spec.pattern }
    var policy: RoutePolicy { spec.policy }

    private var spec: (method: HTTPRequest.Method, pattern: String, policy: RoutePolicy) {
        switch self {
        case .health: (.get, "/healthz", .bare)
        case .asset: (.get, "/assets/{file}", .bare)
        case .apiDocument: (.get, "/api/openapi.yaml", .bare)
        case .robots: (.get, "/robots.txt", .bare)
        case .feed: (.get, "/feed.xml", .bare)
        case .sitemap: (.get, "/sitemap.xml", .bare)
        case .sitemapFile: (.get, "/sitemaps/{file}", .bare)

        case .home: (.get, "/", .publicPage)
        case .tool: (.get, "/tools/{slug}", .publicPage)
        case .compare: (.get, "/compare/{pair}", .publicPage)
        case .category: (.get, "/categories/{slug}", .publicPage)
        case .persona: (.get, "/personas/{slug}", .publicPage)
        case .search: (.get, "/search", .publicPage)
        case .methodology: (.get, "/methodology", .publicPage)
        case .leaderboard: (.get, "/leaderboard", .publicPage)

        case .comparePicker: (.get, "/compare", .readerPage)
        case .panelLive: (.get, "/tools/{slug}/panel/live", .readerPage)
        case .pairwiseLive: (.get, "/compare/{pair}/panel/live", .readerPage)
        case .runs: (.get, "/tools/{slug}/runs", .readerPage)
        case .runDiff: (.get, "/tools/{slug}/runs/compare", .readerPage)
        case .run: (.get, "/tools/{slug}/runs/{id}", .readerPage)
        case .apiDocs: (.get, "/api", .readerPage)

        case .voteOnTool: (.post, "/tools/{slug}/vote", .form)
        case .answerHeadToHead: (.post, "/compare/{pair}/answer", .form)

        case .signInPage: (.get, "/signin", .readerPage)
        case .requestSignIn: (.post, "/signin", .form)
        case .signInConfirmPage: (.get, "/signin/confirm", .readerPage)
        case .confirmSignIn: (.post, "/signin/confirm", .form)
        case .signOut: (.post, "/signout", .form)

        case .bookmarksPage: (.get, "/bookmarks", .readerPage)
        case .accountBookmarks: (.get, "/account/bookmarks", .signedIn)
        case .changeBookmarks: (.post, "/account/bookmarks", .signedIn)

        case .newsletter: (.get, "/newsletter", .readerPage)
        case .newsletterSignUp: (.post, "/newsletter", .form)
        case .newsletterConfirm: (.get, "/newsletter/confirm", .readerPage)
        case .unsubscribePage: (.get, "/newsletter/unsubscribe", .readerPage)
        case .unsubscribe: (.post, "/newsletter/unsubscribe", .form)
        case .archive: (.get, "/newsletter/archive", .readerPage)
        case .archiveIssue: (.get, "/newsletter/{issue}", .readerPage)

        case .adminHome: (.get, "/admin", .admin)
        case .adminTools: (.get, "/admin/tools", .admin)
        case .adminNewTool: (.get, "/admin/tools/new", .admin)
        case .adminCreateTool: (.post, "/admin/tools", .admin)
        case .adminEditTool: (.get, "/admin/tools/{slug}", .admin)
        case .adminUpdateTool: (.post, "/admin/tools/{slug}", .admin)
        case .adminQueuePanel: (.post, "/admin/tools/{slug}/panel", .admin)
        case .adminVotes: (.get, "/admin/votes", .admin)
        case .adminModerate: (.post, "/admin/votes", .admin)
        case .adminTokens: (.get, "/admin/api-tokens", .admin)
        case .adminCreateToken: (.post, "/admin/api-tokens", .admin)
        case .adminRevokeToken: (.post, "/admin/api-tokens/{id}/revoke", .admin)

        case .apiTools: (.get, "/api/v1/tools", .api)
        case .apiTool: (.get, "/api/v1/tools/{slug}", .api)
        case .apiRuns: (.get, "/api/v1/tools/{slug}/runs", .api)
        case .apiRun: (.get, "/api/v1/tools/{slug}/runs/{id}", .api)
        case .apiVoteOnTool: (.post, "/api/v1/tools/{slug}/votes", .api)
        case .apiCompare: (.get, "/api/v1/compare/{a}/{b}", .api)
        case .apiAnswer: (.post, "/api/v1/compare/{a}/{b}/answers", .api)
        case .apiPersonas: (.get, "/api/v1/personas", .api)
        case .apiPersona: (.get, "/api/v1/personas/{slug}", .api)
        case .apiCategories: (.get, "/api/v1/categories", .api)
        case .apiCategory: (.get, "/api/v1/categories/{slug}", .api)
        case .apiSearch: (.get, "/api/v1/search", .api)
        case .apiLeaderboard: (.get, "/api/v1/leaderboard", .api)
        case .apiHighlights: (.get, "/api/v1/highlights", .api)
        case .apiMethodology: (.get, "/api/v1/methodology", .api)
        case .apiVoter: (.get, "/api/v1/voter", .apiVoter)
        }
    }
}

/// How a route is served; each policy is one router group with its middleware (`SiteRoutes`), so
/// no middleware looks at the address to decide whether it applies.
enum RoutePolicy: Sendable, CaseIterable {
    /// Files, feeds and probes: the same for everyone, so no voter is identified and no cookie set.
    case bare
    /// A public page that reads the same for every reader without a session but for their form
    /// token: served from the page cache.
    case publicPage
    /// A page rendered for its reader (their token, their account): the voter is identified, or made.
    case readerPage
    /// A form the site's pages post: the voter is identified, or made, and the handler checks the token.
    case form
    /// JSON for the site's own scripts, answered only to a signed-in reader.
    case signedIn
    /// The admin desk: only for signed-in admins.
    case admin
    /// The JSON API: a voter only when the caller sends its cookie, errors as problem documents,
    /// clients counted against the API's limit.
    case api
    /// `/api/v1/voter`, the one API read that hands a caller a voter cookie.
    case apiVoter
}
