import Foundation
import Hummingbird
import VerdictsCore

/// Identifies the voter from the signed cookie, or (where `mints`) makes a new one and sets its
/// cookie, so every page with a form can bind its CSRF token to the reader; a session cookie adds
/// their account. Cookies are HttpOnly, SameSite=Lax, and Secure when the site is served over HTTPS.
/// Which routes run behind it, and whether it mints, is the route's policy (`SiteRoutes`).
struct VoterMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let signer: VoterSigner
    let secureCookies: Bool
    let database: AppDatabase
    /// Make a voter for a request without a cookie; otherwise such a request has no voter.
    let mints: Bool
    /// Sessions are checked against it for expiry.
    let clock: any SiteClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let existing = request.cookies[VoterSigner.cookieName].flatMap { signer.voter(fromCookie: $0.value) }
        guard existing != nil || mints else { return try await next(request, context) }
        var voter = existing ?? VoterSigner.newVoter()
        if let session = request.cookies[SessionCookie.name]?.value, SessionCookie.looksValid(session) {
            voter.account = try await AccountQueries(database.sql).sessionUser(session, now: clock.now)
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
