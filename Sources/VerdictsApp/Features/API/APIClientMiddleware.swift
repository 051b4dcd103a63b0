import Foundation
import Hummingbird
import VerdictsCore

/// Identifies the API client and limits its requests: a live API token is its own client (and is
/// put in the context for the vote handlers); anything else — no token, or one that is malformed,
/// unknown or revoked — counts against its address, so inventing tokens buys no extra requests.
/// In memory per instance, like the vote limits.
struct APIClientMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let site: Site

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let secret = APIClientMiddleware.bearerSecret(request.headers[.authorization]) {
            context.apiToken = try await APITokenQueries(site.database.sql).authenticate(secret, now: site.clock.now)
        }
        if let limiter = site.apiLimiter {
            let key = context.apiToken.map { "token:\($0.id)" } ?? "address:" + (context.remoteAddress ?? "unknown")
            if let wait = await limiter.take(key) { throw APIProblem.tooManyRequests(retryAfter: wait) }
        }
        return try await next(request, context)
    }

    /// The secret of an `Authorization: Bearer <secret>` header, or nil for any other header.
    static func bearerSecret(_ header: String?) -> String? {
        guard let parts = header?.split(separator: " ", maxSplits: 1), parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }
}
