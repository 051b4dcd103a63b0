import Hummingbird
import VerdictsCore

/// Turns errors into pages in the site's style: an unknown address gets the not-found page, other
/// refusals (a body too large, a method an address does not take) a page that says what to do,
/// and an unexpected failure is logged and answered with a 500 page that gives nothing internal away.
/// The API's routes answer their own errors as problem documents (`APIProblemMiddleware`); here
/// only an address under the API that no route serves is, since no route group sees it.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let site: Site

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError where APIProblemMiddleware.isUnderAPI(request.uri.path) {
            return APIProblemMiddleware.unrouted(error, request: request)
        } catch let malformed as MalformedRequest {
            let view = ErrorPageView(
                meta: site.meta(title: "Bad Request — Verdicts", description: malformed.message, path: request.uri.path),
                heading: "That request could not be read", message: malformed.message, suggestions: [])
            return try site.page("error", view, status: .badRequest).response(from: request, context: context)
        } catch where AppDatabase.isUnavailable(error) {
            return try unavailable(request, context, error)
        } catch let error as HTTPError where error.status == .notFound {
            return try await site.notFound("There is no page at \(request.uri.path).", path: request.uri.path)
                .response(from: request, context: context)
        } catch let error as any HTTPResponseError where (400..<500).contains(error.status.code) {
            let view = ErrorPageView(
                meta: site.meta(title: "\(error.status.reasonPhrase) — Verdicts", description: Self.advice(error.status), path: request.uri.path),
                heading: "That request could not be handled", message: Self.advice(error.status), suggestions: [])
            var response = try site.page("error", view, status: error.status).response(from: request, context: context)
            for field in (error as? HTTPError)?.headers ?? [:] { response.headers.append(field) }
            return response
        } catch {
            context.logger.error("request failed: \(describe(error))")
            let view = ErrorPageView.failure(path: request.uri.path, site: site)
            return try site.page("error", view, status: .internalServerError).response(from: request, context: context)
        }
    }

    /// How long a reader is asked to wait when the database is away: restarts take seconds.
    static let retryAfterSeconds = 5

    /// The database cannot be reached: 503 with Retry-After, a page (or problem document) that says
    /// the site is briefly away, and a warning in the log rather than a stack of errors.
    private func unavailable(_ request: Request, _ context: Context, _ error: any Error) throws -> Response {
        context.logger.warning("database unavailable: \(describe(error))")
        let path = request.uri.path
        let message = "The site cannot reach its database just now. It usually comes back within seconds; reload the page in a moment."
        let view = ErrorPageView(
            meta: site.meta(title: "Back in a moment — Verdicts", description: message, path: path),
            heading: "Back in a moment", message: message, suggestions: [])
        var response = try site.page("error", view, status: .serviceUnavailable).response(from: request, context: context)
        response.headers[.retryAfter] = String(Self.retryAfterSeconds)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    static func advice(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .contentTooLarge: "That request was larger than this site accepts. Forms here take a few fields; send less."
        case .methodNotAllowed: "That address does not accept this kind of request. Open it in the browser instead."
        case .unsupportedMediaType: "That request's content type is not one this address reads. Send the form as the page does."
        default: "The request was not understood (\(status.code) \(status.reasonPhrase)). Go back, reload the page and try again."
        }
    }
}
