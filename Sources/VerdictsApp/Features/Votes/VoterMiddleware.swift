import Foundation
import Hummingbird
import VerdictsCore

/// Identifies the voter from the signed cookie, or makes a new one and sets its cookie, so every
/// page with a form can bind its CSRF token to the reader; a session cookie adds their account. Cookies are HttpOnly, SameSite=Lax, and
/// Secure when the site is served over HTTPS.
struct VoterMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let signer: VoterSigner
    let secureCookies: Bool
    let database: AppDatabase

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard !path.hasPrefix("/assets/"), path != "/healthz", path != SiteURL.apiDocument.path else { return try await next(request, context) }
        var context = context
        let existing = request.cookies[VoterSigner.cookieName].flatMap { signer.voter(fromCookie: $0.value) }
        // API reads are the same for everyone and cacheable, so they set no cookie; only
        // /api/v1/voter hands one out, to callers that mean to vote with it.
        guard existing != nil || !path.isAPIPath || path == SiteURL.apiVoter.path else { return try await next(request, context) }
        var voter = existing ?? VoterSigner.newVoter()
        if let session = request.cookies[SessionCookie.name]?.value, SessionCookie.looksValid(session) {
            voter.account = try await AccountQueries(database.sql).sessionUser(session)
        }
        context.voter = voter
        context.voterIsNew = existing == nil
        var response = try await next(request, context)
        if existing == nil {
            let cookie = Cookie(
                name: VoterSigner.cookieName, value: signer.cookieValue(for: voter), maxAge: 2 * 365 * 24 * 3600,
                path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax)
            response.setCookie(cookie)
        }
        return response
    }
}
