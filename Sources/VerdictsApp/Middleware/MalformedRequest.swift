import Hummingbird

/// A request whose text this site cannot read: an address whose percent-escapes do not decode to
/// UTF-8, or a form body with bytes that are not UTF-8. No reader's browser sends either, so it is
/// refused with 400 and a sentence, rather than read with replacement characters and stored.
struct MalformedRequest: Error {
    let message: String

    static let query = MalformedRequest(
        message: "The address has escapes (%…) that do not decode to UTF-8 text. Follow a link from the site, or type the address again.")
    static let form = MalformedRequest(
        message: "The form's text is not valid UTF-8, so nothing was read or changed. Reload the page and send the form again.")
}

/// Refuses every request whose query string is not well-formed text before any handler reads it:
/// handlers read queries leniently (`FormQuery.parse`), so this is where the line is drawn.
struct WellFormedQueryMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let query = request.uri.query, !FormQuery.isWellFormed(query) { throw MalformedRequest.query }
        return try await next(request, context)
    }
}
