import HTTPTypes
import Hummingbird
import VerdictsCore

/// Who is voting through the API, and the checks each kind of caller passes.
enum APICredentials {
    /// An integration: its votes are stored as `t:<token id>`, or `t:<token id>:<voter>` for each
    /// person it votes for, so one integration cannot stack votes for one person.
    case token(APITokenRow)
    /// A reader's browser session: the signed voter cookie, with the CSRF token bound to it.
    case reader(Voter)

    static let missing = "Votes need credentials: an API token in Authorization: Bearer, or the voter cookie from GET /api/v1/voter with its csrf_token in X-CSRF-Token."

    static func identify(_ request: Request, _ context: AppRequestContext, site: Site) async throws -> APICredentials {
        if let authorization = request.headers[.authorization] {
            // APIClientMiddleware looked the token up; a header without a live token is refused, never ignored.
            guard APIClientMiddleware.bearerSecret(authorization) != nil else {
                throw APIProblem.unauthorized("Send the API token as Authorization: Bearer vdt_…", invalidToken: true)
            }
            guard let token = context.apiToken else {
                throw APIProblem.unauthorized("This API token is unknown or has been revoked. Ask the site's admin for a new one.", invalidToken: true)
            }
            return .token(token)
        }
        guard let voter = context.voter else { throw APIProblem.unauthorized(missing) }
        guard let csrf = request.headers[APICredentials.csrfHeader] else {
            throw APIProblem(.forbidden, "Votes from a voter cookie need its CSRF token in X-CSRF-Token; GET /api/v1/voter gives it.")
        }
        guard site.signer.checkCSRF(csrf, for: voter) else {
            throw APIProblem(.forbidden, "The X-CSRF-Token does not belong to this voter cookie. GET /api/v1/voter for the current one.")
        }
        return .reader(voter)
    }

    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    /// The origin to store with the vote, after the rate limits for this caller.
    func origin(externalVoter: String?, _ request: Request, _ context: AppRequestContext, site: Site) async throws -> VoteOrigin {
        let ipHash = site.signer.fingerprint(context.remoteAddress ?? "unknown")
        let key: String
        let limits: [(RateLimiter, String)]
        switch self {
        case .token(let token):
            key = "t:\(token.id)" + (externalVoter.map { ":" + $0 } ?? "")
            limits = [(site.voterLimiter, key)]
        case .reader(let voter):
            guard externalVoter == nil else {
                throw APIProblem.unprocessable("voter is for integrations that hold an API token; a reader's vote is their cookie's. Leave it out.")
            }
            key = voter.key
            // Readers behind one address share its limit, as on the pages; a token has its own.
            limits = [(site.voterLimiter, key), (site.addressLimiter, ipHash)]
        }
        for (limiter, limitKey) in limits {
            if let wait = await limiter.take(limitKey) { throw APIProblem.tooManyRequests(retryAfter: wait) }
        }
        return VoteOrigin(voter: key, ipHash: ipHash, userAgentHash: site.signer.fingerprint(request.headers[.userAgent] ?? ""))
    }
}
