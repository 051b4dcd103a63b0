import Hummingbird
import VerdictsCore

/// Turns errors into pages in the site's style: an unknown address gets the not-found page, and an
/// unexpected failure is logged and answered with a 500 page that gives nothing internal away.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let site: Site

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return try await site.notFound("There is no page at \(request.uri.path).", path: request.uri.path)
                .response(from: request, context: context)
        } catch let error as HTTPError {
            throw error
        } catch {
            context.logger.error("request failed: \(describe(error))")
            let view = ErrorPageView.failure(path: request.uri.path, site: site)
            return try site.page("error", view, status: .internalServerError).response(from: request, context: context)
        }
    }
}
