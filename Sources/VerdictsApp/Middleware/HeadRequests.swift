import Hummingbird

/// Answers HEAD wherever GET is answered, as RFC 9110 §9.3.2 asks of a general-purpose server:
/// the same status and headers (ETag, Cache-Control, Content-Type, Content-Length), no body. Hummingbird routes a
/// method only where a route names it, and route middleware runs after that lookup, so this wraps
/// the whole router.
public struct HeadAsGetResponder<Wrapped: HTTPResponder>: HTTPResponder {
    let wrapped: Wrapped

    public func respond(to request: Request, context: Wrapped.Context) async throws -> Response {
        guard request.method == .head else { return try await wrapped.respond(to: request, context: context) }
        var head = request.head
        head.method = .get
        var response = try await wrapped.respond(to: Request(head: head, body: request.body), context: context)
        // Content-Length, when sent, must be what GET would send (RFC 9110 §8.6); the writer sends nothing.
        response.body = ResponseBody(contentLength: response.body.contentLength) { writer in try await writer.finish(nil) }
        return response
    }
}

/// The site's router, built into a responder that also answers HEAD.
public struct SiteResponderBuilder: HTTPResponderBuilder {
    let router: Router<AppRequestContext>

    public func buildResponder() -> HeadAsGetResponder<RouterResponder<AppRequestContext>> {
        HeadAsGetResponder(wrapped: router.buildResponder())
    }
}
