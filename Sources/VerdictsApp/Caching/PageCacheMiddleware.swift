import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import VerdictsCore

/// Serves the public pages (the routes whose policy is `.publicPage`, the only ones it runs for)
/// from `PageCache` to readers without a session. A page is rendered for a stand-in voter whose
/// CSRF token is a placeholder; each reader gets the copy with their own token spliced in, an ETag (answered with 304), and gzip when they take it. Readers who voted on a
/// tool the page offers a vote on, and signed-in readers, get the page rendered for them.
struct PageCacheMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let cache: PageCache
    let site: Site

    /// The tools a page offers a vote on travel from the handler in this header, which never leaves the app.
    static let voteToolsHeader = HTTPField.Name("X-Verdicts-Vote-Tools")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get, let voter = context.voter, voter.account == nil else {
            return try await next(request, context)
        }
        let key = request.uri.description
        let wantsGzip = Gzip.accepted(request.headers[.acceptEncoding])
        var page: CachedPage
        switch await cache.lookup(key) {
        case .hit(let held):
            page = held
        case .render:
            var standIn = context
            standIn.voter = Voter.standIn
            let renderStarted = cache.clock.uptimeNanoseconds
            let response: Response
            let collected: CachedPage?
            do {
                response = try await next(request, standIn)
                collected = try await Self.collect(response, storedAt: renderStarted)
            } catch {
                // Whatever fails, the requests waiting for this render must not wait forever.
                cache.abandon(key)
                throw error
            }
            guard let rendered = collected else {
                cache.abandon(key)
                return response
            }
            page = rendered
            guard page.status == .ok else {
                cache.abandon(key)
                return Self.respond(page, token: site.signer.csrfToken(for: voter), gzipped: false, headers: page.headers)
            }
            cache.store(key, page)
        }
        if !page.voteTools.isEmpty, !context.voterIsNew,
           try await VoteQueries(site.database.sql).hasVoted(voter: voter.key, toolIds: page.voteTools) {
            return try await next(request, context)
        }
        if wantsGzip, page.gzip == nil, let gzip = try? Gzip.compress(parts: page.parts) {
            page.gzip = gzip
            cache.attachGzip(key, gzip, storedAt: page.storedAt)
        }
        let token = site.signer.csrfToken(for: voter)
        let gzipped = wantsGzip && page.gzip != nil
        let etag = page.etag(token: token, gzipped: gzipped)
        var headers = page.headers
        headers[.cacheControl] = "private, no-cache"
        headers[.vary] = "Accept-Encoding, Cookie"
        headers[.eTag] = etag
        // GzipMiddleware takes `-gz` off the tags a client sends, so the plain tag is what matches.
        let plainTag = page.etag(token: token, gzipped: false)
        if let match = request.headers[.ifNoneMatch],
           match.split(separator: ",").contains(where: { [etag, plainTag].contains($0.trimmingCharacters(in: .whitespaces)) }) {
            return Response(status: .notModified, headers: headers)
        }
        if gzipped { headers[.contentEncoding] = "gzip" }
        return Self.respond(page, token: token, gzipped: gzipped, headers: headers)
    }

    private static func respond(_ page: CachedPage, token: String, gzipped: Bool, headers: HTTPFields) -> Response {
        return Response(status: page.status, headers: headers, body: page.body(token: token, gzipped: gzipped))
    }

    /// Reads a rendered HTML page into a `CachedPage`; nil for anything else (redirects, files).
    static func collect(_ response: Response, storedAt: UInt64) async throws -> CachedPage? {
        guard response.headers[.contentType]?.hasPrefix("text/html") == true, response.headers[.contentEncoding] == nil else { return nil }
        let collector = BodyCollector()
        try await response.body.write(collector)
        let voteTools = (response.headers[voteToolsHeader] ?? "").split(separator: ",").compactMap { Int($0) }
        var headers = response.headers
        headers[voteToolsHeader] = nil
        headers[.contentLength] = nil
        return CachedPage(body: collector.buffer, status: response.status, headers: headers, voteTools: voteTools, storedAt: storedAt)
    }
}

/// Gathers a response body that was written as buffers.
final class BodyCollector: ResponseBodyWriter, @unchecked Sendable {
    // Written by one task, read after `write` returns: no concurrent access.
    private(set) var buffer = ByteBuffer()

    func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        self.buffer.writeBuffer(&buffer)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

extension Voter {
    /// Whom cached pages are rendered for: no account, no votes, and a placeholder for a token.
    static let standIn = Voter(id: String(repeating: "0", count: 32), rendersForCache: true)
}
