import Hummingbird

/// The one gate in front of the admin desk: every route of the `/admin` group passes through it, so
/// no handler can forget the check. A reader who is not signed in is sent to sign in; one signed in
/// without the admin role gets a page saying how the role is granted.
struct AdminOnlyMiddleware: RouterMiddleware {
    let site: Site

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        guard let voter = context.voter else { return Response(status: .forbidden) }
        if voter.account == nil { return Response.redirect(to: SiteURL.signIn.path, type: .normal) }
        if voter.isAdmin { return try await next(request, context) }
        return try site.messagePage(
            "Admins only", "The admin desk is for the site's admins. An operator grants the role with `verdicts user grant-admin <email>`.",
            status: .forbidden, path: SiteURL.admin.path, voter: voter).response(from: request, context: context)
    }
}
