import HTTPTypes
import Hummingbird
import NIOCore

/// Compresses text responses of 1 KB or more for clients that take gzip: pages rendered per
/// reader, API documents, feeds, styles and scripts. Cached pages arrive already compressed and
/// live streams (server-sent events) pass untouched. A compressed response's ETag gains `-gz`,
/// since its bytes differ; a client's `If-None-Match` loses it again before the handlers compare.
struct GzipMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let minimumSize = 1024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Gzip.accepted(request.headers[.acceptEncoding]) else { return try await next(request, context) }
        var request = request
        let clientHeldGzip = request.headers[.ifNoneMatch]?.contains("-gz\"") == true
        if clientHeldGzip, let match = request.headers[.ifNoneMatch] {
            var head = request.head
            head.headerFields[.ifNoneMatch] = match.replacingOccurrences(of: "-gz\"", with: "\"")
            request = Request(head: head, body: request.body)
        }
        var response = try await next(request, context)
        // A 304 has no Content-Type to judge by; when the client's tag was the compressed one,
        // the 304 names that representation back.
        if response.status == .notModified {
            if clientHeldGzip, response.headers[.contentEncoding] == nil, let etag = response.headers[.eTag] {
                response.headers[.eTag] = Self.gzipTag(etag)
            }
            return response
        }
        guard Self.isCompressible(response.headers[.contentType]) else { return response }
        guard response.headers[.contentEncoding] == nil,
              (response.body.contentLength ?? Self.minimumSize) >= Self.minimumSize else { return response }
        let collector = BodyCollector()
        try await response.body.write(collector)
        if collector.buffer.readableBytes < Self.minimumSize {
            response.body = ResponseBody(byteBuffer: collector.buffer)
            return response
        }
        response.body = ResponseBody(byteBuffer: try Gzip.compress(collector.buffer))
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = nil
        if let etag = response.headers[.eTag] { response.headers[.eTag] = Self.gzipTag(etag) }
        if response.headers[.vary]?.contains("Accept-Encoding") != true {
            response.headers[.vary] = [response.headers[.vary], "Accept-Encoding"].compactMap { $0 }.joined(separator: ", ")
        }
        return response
    }

    static func gzipTag(_ etag: String) -> String {
        etag.hasSuffix("\"") && !etag.hasSuffix("-gz\"") ? String(etag.dropLast()) + "-gz\"" : etag
    }

    static func isCompressible(_ contentType: String?) -> Bool {
        guard let type = contentType?.split(separator: ";").first?.lowercased() else { return false }
        if type == "text/event-stream" { return false }
        return type.hasPrefix("text/") || ["application/json", "application/problem+json", "application/atom+xml", "application/xml",
                                           "application/yaml", "application/javascript", "image/svg+xml"].contains(type)
    }
}
