import Foundation
import Testing
@testable import VerdictsApp

/// The route table, the router and the link builder describe one set of addresses: every route is
/// served by exactly one handler behind its policy's middleware, every `SiteURL` lands on a route,
/// every route has a `SiteURL` that builds its links, and no template or handler writes a path out.
@Suite("The route table")
struct RouteTableTests {
    /// One of each `SiteURL` case (every case appears: a route without one fails below).
    static let examples: [SiteURL] = [
        .home, .healthz, .asset("site.css"), .tool("ollama"), .compare("vllm", "ollama"), .comparePicker, .category("llm-apis"),
        .persona("builder"), .search, .methodology, .leaderboard, .sitemap, .sitemapFile("tools-1"), .robots, .feed, .bookmarks,
        .accountBookmarks, .panelLive("ollama"), .pairwiseLive("ollama", "vllm"), .runs("ollama"), .run("ollama", 3),
        .runDiff("ollama", from: 1, to: 2), .runDiffForm("ollama"), .voteOnTool("ollama"), .answer("ollama", "vllm"), .signIn,
        .signInConfirm(token: "abc"), .signOut, .newsletter, .newsletterConfirm(token: "t"), .unsubscribe(token: "t"), .archive,
        .archiveIssue("2026-w49"), .admin, .adminTools, .adminNewTool, .adminTool("ollama"), .adminQueuePanel("ollama"),
        .adminVotes, .adminTokens, .adminRevokeToken(4), .apiDocs, .apiDocument, .apiTools, .apiTool("ollama"), .apiRuns("ollama"),
        .apiRun("ollama", 2), .apiVote("ollama"), .apiCompare("vllm", "ollama"), .apiAnswer("ollama", "vllm"), .apiPersonas,
        .apiPersona("builder"), .apiCategories, .apiCategory("llm-apis"), .apiSearch, .apiLeaderboard, .apiHighlights,
        .apiMethodology, .apiVoter,
    ]

    /// The patterns a concrete path fills (literal segments equal, a capture takes one segment);
    /// the router prefers a literal segment, so only the most literal ones are kept.
    static func routes(for path: String) -> [Route] {
        let parts = path.split(separator: "?")[0].split(separator: "#")[0].split(separator: "/", omittingEmptySubsequences: false)
        let filled = Route.allCases.filter { route in
            let template = route.pattern.split(separator: "/", omittingEmptySubsequences: false)
            return template.count == parts.count && zip(template, parts).allSatisfy { $0.hasPrefix("{") ? !$1.isEmpty : $0 == $1 }
        }
        let captures = { (route: Route) in route.pattern.filter { $0 == "{" }.count }
        let fewest = filled.map(captures).min()
        return filled.filter { captures($0) == fewest }
    }

    @Test("every route is served once, under its own method and pattern")
    func registered() async throws {
        try await withSiteAndDatabase(cachesPages: true) { _, site, _, _ in
            let router = makeRouter(site: site)
            let served = router.routes.map { "\($0.method) \($0.path)" }
            let table = Route.allCases.map { "\($0.method) \($0.pattern)" }
            #expect(served.sorted() == table.sorted())
            #expect(Set(table).count == table.count, "two routes share a method and pattern")
        }
    }

    @Test("every SiteURL lands on a route, and every route is built by a SiteURL")
    func linksAndRoutes() {
        var reached = Set<Route>()
        for url in Self.examples {
            let routes = Self.routes(for: url.path)
            #expect(!routes.isEmpty, "\(url) builds \(url.path), which no route serves")
            // A GET and a POST may share an address (a form and the page it is on); never two GETs.
            #expect(Set(routes.map(\.method)).count == routes.count, "\(url.path) fills \(routes)")
            reached.formUnion(routes)
        }
        let unbuilt = Set(Route.allCases).subtracting(reached)
        #expect(unbuilt.isEmpty, "routes no SiteURL builds: \(unbuilt)")
    }

    @Test("query strings are encoded, and the canonical comparison orders its slugs")
    func queries() {
        #expect(SiteURL.adminVotes.with(["notice": "Voided 2 votes of voter a:x."]) == "/admin/votes?notice=Voided%202%20votes%20of%20voter%20a%3Ax.")
        #expect(SiteURL.newsletterConfirm(token: "a b").path == "/newsletter/confirm?token=a%20b")
        #expect(SiteURL.unsubscribe(token: nil).path == "/newsletter/unsubscribe")
        #expect(SiteURL.compare("vllm", "ollama").path == "/compare/ollama-vs-vllm")
        #expect(SiteURL.answer("vllm", "ollama").path == "/compare/ollama-vs-vllm/answer")
        #expect(SiteURL.apiAnswer("vllm", "ollama").path == "/api/v1/compare/ollama/vllm/answers")
    }

    /// The app's sources, read from the checkout this test was built from.
    static let appSources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/VerdictsApp").standardizedFileURL

    static func files(under folder: String, ending suffix: String) throws -> [(name: String, text: String)] {
        let root = appSources.appendingPathComponent(folder)
        let names = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(suffix) }
        return try names.map { ($0, try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8)) }
    }

    @Test("no template writes an address out: links come from the page model or meta.links")
    func templatesBuildNoPaths() throws {
        let templates = try Self.files(under: "Templates", ending: ".mustache")
        #expect(templates.count > 20)
        for (name, text) in templates {
            let written = text.matches(of: #/(?:href|action|src)="(/[^"]*)"/#).map { String($0.1) }
            #expect(written.isEmpty, "\(name) writes \(written)")
        }
    }

    @Test("no Swift outside Routing/ writes one of the site's addresses out")
    func handlersBuildNoPaths() throws {
        // The first segment of every pattern: a string literal starting with one is a path written out.
        let firstSegments = Set(Route.allCases.compactMap { $0.pattern.split(separator: "/").first.map(String.init) })
        #expect(firstSegments.contains("tools") && firstSegments.contains("api"))
        for (name, text) in try Self.files(under: ".", ending: ".swift") where !name.hasPrefix("Routing/") {
            let written = text.matches(of: #/"/([a-z.-]+)/#).map { String($0.1) }.filter(firstSegments.contains)
            #expect(written.isEmpty, "\(name) writes paths starting with \(written)")
        }
    }
}
