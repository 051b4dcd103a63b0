import Crypto
import Foundation
import Hummingbird

/// Limits every API request per client: per API token when one is sent (hashed, so the limiter
/// never holds a secret), else per address. In memory per instance, like the vote limits.
struct APIRateLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let limiter: RateLimiter?
    let signer: VoterSigner

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let limiter {
            let key = request.headers[.authorization].map { "token:" + signer.fingerprint($0) }
                ?? "address:" + (context.remoteAddress ?? "unknown")
            if let wait = await limiter.take(key) { throw APIProblem.tooManyRequests(retryAfter: wait) }
        }
        return try await next(request, context)
    }
}
