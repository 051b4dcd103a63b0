import Hummingbird
import VerdictsCore

/// Answers every failure of an API route as a problem document (RFC 9457): the API group's
/// outermost middleware, so its callers never get an HTML page. Addresses under the API that no
/// route serves never reach a group; `ErrorPageMiddleware` hands them to `unrouted`.
struct APIProblemMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        do {
            return try await next(request, context)
        } catch let problem as APIProblem {
            return problem.response(path: path)
        } catch let malformed as MalformedRequest {
            return APIProblem.badRequest(malformed.message).response(path: path)
        } catch let error as any HTTPResponseError {
            return Self.problem(for: error, path: path)
        } catch where AppDatabase.isUnavailable(error) {
            context.logger.warning("database unavailable: \(describe(error))")
            var response = APIProblem(
                .serviceUnavailable, "The database is not answering just now; retry after \(ErrorPageMiddleware.retryAfterSeconds) seconds."
            ).response(path: path)
            response.headers[.retryAfter] = String(ErrorPageMiddleware.retryAfterSeconds)
            return response
        } catch {
            context.logger.error("API request failed: \(describe(error))")
            return APIProblem.internalError.response(path: path)
        }
    }

    /// Whether an address no route serves is the API's, so its 404 or 405 is a problem document.
    static func isUnderAPI(_ path: String) -> Bool {
        path == Route.apiPrefix || path.hasPrefix(Route.apiPrefix + "/")
    }

    /// The router found no route for this method and address. Where the address exists under
    /// another method the answer is 405 with `Allow`, where the router alone would say 404.
    static func unrouted(_ error: any HTTPResponseError, request: Request) -> Response {
        let path = request.uri.path, allowed = APIEndpoint.methods(at: path)
        if error.status == .notFound, !allowed.isEmpty {
            return APIProblem(.methodNotAllowed, "\(path) takes \(allowed.joined(separator: " and ")), not \(request.method.rawValue).",
                              headers: [.allow: allowed.joined(separator: ", ")]).response(path: path)
        }
        return problem(for: error, path: path)
    }

    private static func problem(for error: any HTTPResponseError, path: String) -> Response {
        var response = APIProblem.from(status: error.status, path: path).response(path: path)
        for field in (error as? HTTPError)?.headers ?? [:] { response.headers.append(field) }
        return response
    }
}
