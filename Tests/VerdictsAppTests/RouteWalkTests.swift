import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
@testable import VerdictsApp
import VerdictsCore

/// Walks the site as a crawler would, from the home page and robots.txt, following every link in
/// pages (`href`, `src`), feeds and sitemaps (`<loc>`, `<link>`), robots.txt and API documents
/// (`url`, `api_url`): every link must answer, and every route the router has must be reached by
/// one, or be named below with the reason no page links it.
@Suite("Routes and links hold together")
struct RouteWalkTests {
    /// GET routes no page links, and why.
    static let unlinked: [String: String] = [
        "/healthz": "for load balancers and monitors",
        "/tools/{slug}/panel/live": "an event stream the page's script opens, named in data-live-panel",
        "/compare/{pair}/panel/live": "an event stream the page's script opens, named in data-live-panel",
        "/account/bookmarks": "JSON for the bookmarks script",
        "/signin/confirm": "reached from the emailed sign-in link",
        "/newsletter/confirm": "reached from the emailed confirmation link",
        "/newsletter/unsubscribe": "reached from the link in every digest",
        "/compare": "the target of the tool page's compare-with form",
        "/tools/{slug}/runs/compare": "the target of the run history's form",
        "/api/v1/tools/{slug}/runs/{id}": "runs are listed in /api/v1/tools/<slug>/runs by id",
        "/api/v1/tools/{slug}/runs": "the tool document carries its latest panel, not a link to its runs (listed on /api)",
        "/newsletter/{issue}": "the archive links each issue once one is sent; the test site has sent none",
    ]

    /// The route a concrete path lands on: literal segments equal, a capture takes any one segment.
    static func route(of path: String, among patterns: [String]) -> String? {
        let parts = path.split(separator: "?")[0].split(separator: "/", omittingEmptySubsequences: false)
        let matching = patterns.filter { pattern in
            let template = pattern.split(separator: "/", omittingEmptySubsequences: false)
            return template.count == parts.count && zip(template, parts).allSatisfy { $0.hasPrefix("{") ? !$1.isEmpty : $0 == $1 }
        }
        // A literal segment is more specific than a capture, as in the router.
        return matching.max { $0.filter { $0 == "{" }.count > $1.filter { $0 == "{" }.count }
    }

    /// The site-relative links in a body: attributes in HTML, addresses in XML and text, and the
    /// `url`/`api_url` fields of API documents.
    static func links(in body: String, base: String) -> [String] {
        let patterns = [#/(?:href|src)="([^"]+)"/#, #/<loc>([^<]+)</loc>/#, #/Sitemap: (\S+)/#, #/"(?:url|api_url)":"([^"]+)"/#]
        var found: [String] = []
        for pattern in patterns {
            for match in body.matches(of: pattern) {
                var link = String(match.1).replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "\\/", with: "/")
                if link.hasPrefix(base) { link = String(link.dropFirst(base.count)) }
                guard link.hasPrefix("/"), !link.hasPrefix("//") else { continue }
                found.append(String(link.split(separator: "#", omittingEmptySubsequences: false)[0]))
            }
        }
        return found.filter { !$0.isEmpty }
    }

    @Test("every link answers, and every page route is linked from somewhere or named with the reason")
    func walk() async throws {
        try await withSiteAndDatabase(cachesPages: false) { client, site, _, _ in
            let router = makeRouter(site: site)
            let getRoutes = Set(router.routes.filter { $0.method == .get }.map { "\($0.path)" })
            let patterns = Array(getRoutes)
            let reader = try await Reader.visit("/", with: client)
            var queue = ["/", "/robots.txt"], seen = Set(queue), reached = Set<String>(), broken: [String] = []
            // Each route's first few addresses are fetched; further links to it are only matched to
            // the route, which keeps the walk to seconds on a catalog with hundreds of pairs.
            var fetchedPerRoute: [String: Int] = [:]
            var fetched = 0
            while !queue.isEmpty {
                let path = queue.removeFirst()
                guard let route = Self.route(of: path, among: patterns) else {
                    broken.append("\(path): no route"); continue
                }
                reached.insert(route)
                guard fetchedPerRoute[route, default: 0] < 3 else { continue }
                fetchedPerRoute[route, default: 0] += 1
                fetched += 1
                let response = try await reader.get(path, client: client)
                guard response.status == .ok || response.status == .movedPermanently || response.status == .seeOther else {
                    broken.append("\(path): \(response.status.code)"); continue
                }
                var next = Self.links(in: response.text, base: site.baseURL)
                if let location = response.headers[.location] { next.append(location) }
                for link in next where !seen.contains(link) && !link.hasPrefix("/admin") {
                    seen.insert(link)
                    queue.append(link)
                }
            }
            #expect(broken.isEmpty, "\(broken.prefix(10))")
            let unreached = getRoutes.subtracting(reached).subtracting(Self.unlinked.keys).filter { !$0.hasPrefix("/admin") }
            #expect(unreached.isEmpty, "routes no link reaches: \(unreached.sorted())")
            let stale = Set(Self.unlinked.keys).subtracting(getRoutes)
            #expect(stale.isEmpty, "named as unlinked but not routes: \(stale.sorted())")
            #expect(fetched > 50, "the walk fetched \(fetched) addresses")
        }
    }
}
