import CompressNIO
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TestSupport
import VerdictsCore
@testable import VerdictsApp

/// The rendered-page cache as readers meet it: one render shared by readers who each get their own
/// working CSRF token, changes visible within a second, ETags answered with 304, and gzip.
@Suite("The page cache") struct PageCacheTests {
    static let page = "/compare/claude-4-sonnet-vs-gpt-4o"

    @Test("readers without a session share one render, each with a CSRF token their votes pass with")
    func tokensAreSplicedPerReader() async throws {
        try await withSiteAndDatabase { client, site, _, _ in
            let first = try await Reader.visit(Self.page, with: client)
            let second = try await Reader.visit(Self.page, with: client)
            #expect(first.csrf != second.csrf)
            #expect(site.pageCache?.count == 1, "the second reader was served the first render")
            let body = try await second.get(Self.page, client: client).text
            #expect(!body.contains(CachedPage.placeholder), "no placeholder reaches a reader")
            #expect(try await first.post("/tools/gpt-4o/vote", "choice=ship", client: client).status == .seeOther)
            #expect(try await second.post("/tools/claude-4-sonnet/vote", "choice=skip", client: client).status == .seeOther)
        }
    }

    @Test("a vote shows on the cached page to other readers within a second, and at once to the voter")
    func votesShowWithinASecond() async throws {
        let clock = ManualClock()
        try await withSiteAndDatabase(clock: clock) { client, _, _, _ in
            let page = "/tools/ollama"
            let voter = try await Reader.visit(page, with: client)
            let onlooker = try await Reader.visit(page, with: client)
            #expect(try await onlooker.get(page, client: client).text.contains("No community votes yet"))
            #expect(try await voter.post("/tools/ollama/vote", "choice=ship", client: client).status == .seeOther)
            let own = try await voter.get(page, client: client).text
            #expect(own.contains(#"value="ship" aria-pressed="true""#), "the voter's page is rendered for them")
            #expect(own.contains("1 vote"))
            #expect(try await onlooker.get(page, client: client).text.contains("No community votes yet"), "the copy is kept while fresh")
            // A copy is served at most 0.8 s after its render began, so a request that starts
            // later than that after the vote reads a page rendered after it.
            clock.advance(by: 0.81)
            #expect(try await onlooker.get(page, client: client).text.contains("1 vote"), "the vote did not show to another reader")
        }
    }

    @Test("an ETag per reader and page, answered with 304; another reader's tag does not match")
    func etagsAndNotModified() async throws {
        try await withSiteAndDatabase { client, _, _, _ in
            let reader = try await Reader.visit(Self.page, with: client)
            let other = try await Reader.visit(Self.page, with: client)
            let first = try await reader.get(Self.page, client: client)
            let tag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl] == "private, no-cache")
            #expect(first.headers[.vary] == "Accept-Encoding, Cookie")
            let again = try await client.execute(uri: Self.page, method: .get, headers: [.cookie: reader.cookie, .ifNoneMatch: tag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            let theirs = try await client.execute(uri: Self.page, method: .get, headers: [.cookie: other.cookie, .ifNoneMatch: tag])
            #expect(theirs.status == .ok, "a tag carries the reader's token, so it cannot match another reader's page")
        }
    }

    @Test("gzip for readers who take it decompresses to the same page, and its tag answers 304")
    func gzipMatchesIdentity() async throws {
        try await withSiteAndDatabase { client, _, _, _ in
            let reader = try await Reader.visit(Self.page, with: client)
            let plain = try await reader.get(Self.page, client: client)
            let zipped = try await client.execute(
                uri: Self.page, method: .get, headers: [.cookie: reader.cookie, .acceptEncoding: "br, gzip;q=0.8"])
            #expect(zipped.headers[.contentEncoding] == "gzip")
            var body = zipped.body
            #expect(body.readableBytes < plain.body.readableBytes / 2)
            let unzipped = try body.decompress(with: .gzip(), maxSize: 4 << 20)
            #expect(String(buffer: unzipped) == plain.text)
            let tag = try #require(zipped.headers[.eTag])
            #expect(tag.hasSuffix(#"-gz""#) && tag != plain.headers[.eTag])
            let again = try await client.execute(
                uri: Self.page, method: .get, headers: [.cookie: reader.cookie, .acceptEncoding: "gzip", .ifNoneMatch: tag])
            #expect(again.status == .notModified)
        }
    }

    @Test("signed-in readers and uncacheable addresses are rendered for each request")
    func bypasses() async throws {
        try await withSiteAndDatabase { client, site, db, _ in
            let reader = try await Reader.visit("/tools/ollama", with: client).signedIn(as: "cache@example.com", db: db)
            let before = site.pageCache?.count ?? 0
            let page = try await reader.get("/tools/vllm", client: client)
            #expect(page.status == .ok)
            #expect(page.headers[.eTag] == nil)
            #expect(site.pageCache?.count == before, "a signed-in reader's page is never kept")
            _ = try await client.execute(uri: "/bookmarks", method: .get)
            _ = try await client.execute(uri: "/tools/ollama/runs", method: .get)
            #expect(site.pageCache?.count == before)
            #expect(Route.compare.policy == .publicPage && Route.runs.policy != .publicPage)
        }
    }

    @Test("a missing page is not kept, and a reader gets its 404 with a working token")
    func notFoundIsNotKept() async throws {
        try await withSiteAndDatabase { client, site, _, _ in
            let response = try await client.execute(uri: "/tools/no-such-tool", method: .get)
            #expect(response.status == .notFound)
            #expect(!response.text.contains(CachedPage.placeholder))
            #expect(site.pageCache?.count == 0)
        }
    }
}

@Suite("PageCache") struct PageCacheUnitTests {
    static func page(_ text: String, at storedAt: UInt64) -> CachedPage {
        CachedPage(body: ByteBuffer(string: text), status: .ok, headers: [:], voteTools: [], storedAt: storedAt)
    }

    static func bytes(_ body: ResponseBody) async throws -> ByteBuffer {
        let collector = BodyCollector()
        try await body.write(collector)
        return collector.buffer
    }

    @Test("fresh for 0.4 s; then one render while others get the stale copy for 0.4 s; then others wait for the render")
    func freshStaleExpired() async throws {
        let cache = PageCache()
        let second: UInt64 = 1_000_000_000
        let start = 10 * second
        #expect(Self.isRender(await cache.lookup("/a", now: start)), "an unknown page is rendered")
        cache.store("/a", Self.page("one", at: start), now: start)
        #expect(Self.held(await cache.lookup("/a", now: start + 300_000_000)) == "one", "a fresh copy is served")
        #expect(Self.isRender(await cache.lookup("/a", now: start + 500_000_000)), "a stale copy asks one request to render")
        #expect(Self.held(await cache.lookup("/a", now: start + 600_000_000)) == "one", "others get the stale copy meanwhile")
        cache.store("/a", Self.page("two", at: start + 500_000_000), now: start + 700_000_000)
        #expect(Self.held(await cache.lookup("/a", now: start + 800_000_000)) == "two")

        // Expired, with a render in flight: the others wait for it and get what it rendered.
        #expect(Self.isRender(await cache.lookup("/a", now: start + 2 * second)))
        let waiters = (0..<3).map { _ in Task { await cache.lookup("/a", now: start + 2 * second) } }
        try await Task.sleep(for: .milliseconds(50))
        cache.store("/a", Self.page("three", at: start + 2 * second), now: start + 2 * second)
        for waiter in waiters { #expect(Self.held(await waiter.value) == "three") }

        // A render that is abandoned sends the waiting requests to render for themselves.
        #expect(Self.isRender(await cache.lookup("/b", now: start)))
        let waiter = Task { await cache.lookup("/b", now: start) }
        try await Task.sleep(for: .milliseconds(50))
        cache.abandon("/b")
        #expect(Self.isRender(await waiter.value))
    }

    static func isRender(_ lookup: PageCache.Lookup) -> Bool {
        if case .render = lookup { return true }
        return false
    }

    static func held(_ lookup: PageCache.Lookup) -> String? {
        guard case .hit(let page) = lookup else { return nil }
        return page.parts.map { String(buffer: $0) }.joined()
    }

    @Test("the byte budget and the key length limit what is kept; expired pages free their bytes")
    func budget() async {
        var limits = PageCache.Limits()
        limits.budget = 10
        limits.maximumKeyLength = 5
        let cache = PageCache(limits: limits)
        cache.store("/a", Self.page("123456", at: 0), now: 0)
        cache.store("/b", Self.page("123456", at: 0), now: 0)
        #expect(cache.count == 1, "the second page would pass the budget")
        cache.store("/long-key", Self.page("1", at: 0), now: 0)
        #expect(cache.count == 1)
        cache.store("/b", Self.page("123456", at: 2_000_000_000), now: 2_000_000_000)
        #expect(cache.count == 1, "storing after the first expired frees its bytes")
        #expect(Self.held(await cache.lookup("/b", now: 2_000_000_000)) == "123456", "the new page is held")
    }

    @Test("the body with a token spliced in, and its gzip, read the same as the page rendered with it")
    func spliceAndGzip() async throws {
        let text = "<p>a</p><input value=\"\(CachedPage.placeholder)\"><p>" + String(repeating: "b", count: 5000)
            + "</p><input value=\"\(CachedPage.placeholder)\">"
        var page = Self.page(text, at: 0)
        page.gzip = try Gzip.compress(parts: page.parts)
        let token = "0123456789abcdef"
        let expected = text.replacingOccurrences(of: CachedPage.placeholder, with: token)
        #expect(String(buffer: try await Self.bytes(page.body(token: token, gzipped: false))) == expected)
        var zipped = try await Self.bytes(page.body(token: token, gzipped: true))
        #expect(String(buffer: try zipped.decompress(with: .gzip(), maxSize: 1 << 20)) == expected)
        #expect(page.etag(token: token, gzipped: false) != page.etag(token: "fedcba9876543210", gzipped: false))
    }

    @Test("a reader's copy is one buffer, which Hummingbird sends with the head in one write")
    func oneBufferPerCopy() async throws {
        let text = "<p>a</p><input value=\"\(CachedPage.placeholder)\"><p>b</p><input value=\"\(CachedPage.placeholder)\">"
        var page = Self.page(text, at: 0)
        page.gzip = try Gzip.compress(parts: page.parts)
        for gzipped in [false, true] {
            let body = page.body(token: "0123456789abcdef", gzipped: gzipped)
            let counter = WriteCounter()
            try await body.write(counter)
            #expect(counter.writes == 1, "gzipped: \(gzipped)")
            #expect(body.contentLength == counter.bytes, "gzipped: \(gzipped)")
        }
    }
}

/// Counts the writes a response body makes, and their bytes.
final class WriteCounter: ResponseBodyWriter, @unchecked Sendable {
    // Written by one task, read after `write` returns: no concurrent access.
    private(set) var writes = 0
    private(set) var bytes = 0

    func write(_ buffer: ByteBuffer) async throws {
        writes += 1
        bytes += buffer.readableBytes
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
