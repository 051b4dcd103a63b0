import Hummingbird
import VerdictsCore

/// The gate in front of the routes that keep a reader's things on their account (the bookmarks
/// the page's script reads and changes): a reader who is not signed in gets a 401 the script shows.
struct SignedInMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        guard context.voter?.account != nil else {
            return try JSONReply.make(["error": "Sign in to keep bookmarks on the site."], status: .unauthorized)
        }
        return try await next(request, context)
    }
}

extension AppRequestContext {
    /// The signed-in reader's account, which `SignedInMiddleware` and `AdminOnlyMiddleware` guarantee.
    var account: UserRow {
        get throws {
            guard let account = voter?.account else { throw HTTPError(.unauthorized) }
            return account
        }
    }
}
