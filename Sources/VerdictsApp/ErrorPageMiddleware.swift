import Hummingbird
import VerdictsCore

/// Turns errors into pages in the site's style: an unknown address gets the not-found page, other
/// refusals (a body too large, a method an address does not take) a page that says what to do,
/// and an unexpected failure is logged and answered with a 500 page that gives nothing internal away.
/// Under `/api/v1` the same outcomes are problem documents (RFC 9457) instead of pages.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let site: Site

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as APIProblem {
            return problem.response(path: request.uri.path)
        } catch let error as any HTTPResponseError where request.uri.path.isAPIPath {
            let path = request.uri.path, allowed = APIEndpoint.methods(at: path)
            if error.status == .notFound, !allowed.isEmpty {
                // The router knows no route for this method and says 404; the address exists, so say 405.
                return APIProblem(.methodNotAllowed, "\(path) takes \(allowed.joined(separator: " and ")), not \(request.method.rawValue).",
                                  headers: [.allow: allowed.joined(separator: ", ")]).response(path: path)
            }
            var response = APIProblem.from(status: error.status, path: path).response(path: path)
            for field in (error as? HTTPError)?.headers ?? [:] { response.headers.append(field) }
            return response
        } catch where request.uri.path.isAPIPath {
            context.logger.error("API request failed: \(describe(error))")
            return APIProblem.internalError.response(path: request.uri.path)
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

    static func advice(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .contentTooLarge: "That request was larger than this site accepts. Forms here take a few fields; send less."
        case .methodNotAllowed: "That address does not accept this kind of request. Open it in the browser instead."
        case .unsupportedMediaType: "That request's content type is not one this address reads. Send the form as the page does."
        default: "The request was not understood (\(status.code) \(status.reasonPhrase)). Go back, reload the page and try again."
        }
    }
}
