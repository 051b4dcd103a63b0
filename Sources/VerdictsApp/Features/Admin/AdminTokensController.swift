import Foundation
import Hummingbird
import VerdictsCore

/// `/admin/api-tokens`: admins create the tokens integrations vote with (the secret is shown on
/// the page that creates it, once), see when each was last used, and revoke them.
struct AdminTokensController {
    let site: Site
    var desk: AdminController { AdminController(site: site) }

    /// Registers on the `/admin` group, behind `AdminOnlyMiddleware`.
    func register(on routes: SiteRoutes) {
        routes.on(.adminTokens, use: list)
        routes.on(.adminCreateToken, use: create)
        routes.on(.adminRevokeToken, use: revoke)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        return try await page(notice: FormQuery.parse(request)["notice"], request, context)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let fields = try await desk.form(request, context) else { return try desk.expired(request, context) }
        guard let name = APITokenQueries.name(fields["name"] ?? "") else {
            return try await page(notice: "Name the token in 1 to 80 characters on one line, such as 'Slack bot'; nothing was created.",
                                  status: .unprocessableContent, request, context)
        }
        let (row, secret) = try await APITokenQueries(site.database.sql).create(name: name, createdBy: context.voter?.account?.email ?? "admin", now: site.clock.now)
        return try await page(created: AdminTokensView.Created(name: row.name, secret: secret), request, context)
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard try await desk.form(request, context) != nil else { return try desk.expired(request, context) }
        guard let id = context.parameters.get("id").flatMap(Int.init) else {
            return try await site.notFound("API tokens are numbered; there is no token '\(context.parameters.get("id") ?? "")'.",
                                           path: request.uri.path).response(from: request, context: context)
        }
        let revoked = try await APITokenQueries(site.database.sql).revoke(id: id, now: site.clock.now)
        let notice = revoked ? "Revoked API token \(id); integrations using it now get 401." : "There is no live API token \(id)."
        return Response.redirect(to: SiteURL.adminTokens.with(["notice": notice]), type: .normal)
    }

    private func page(notice: String? = nil, created: AdminTokensView.Created? = nil, status: HTTPResponse.Status = .ok,
                      _ request: Request, _ context: AppRequestContext) async throws -> Response {
        var response = try site.page("admin-api-tokens", try await AdminTokensView.load(site: site, notice: notice, created: created),
                                     voter: context.voter, status: status).response(from: request, context: context)
        // The page may hold a secret: no cache, proxy or back button should keep it.
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

struct AdminTokensView: PageView {
    struct Created: Sendable {
        let name: String
        let secret: String
    }

    struct Line: Sendable {
        let id: Int
        let name: String
        let hint: String
        let createdBy: String
        let created: String
        let state: String
        let isLive: Bool
        let revokeAction: String
    }

    var meta: PageMeta
    let notice: String?
    let created: Created?
    let tokens: [Line]
    let hasTokens: Bool

    static func load(site: Site, notice: String?, created: Created?) async throws -> AdminTokensView {
        let rows = try await APITokenQueries(site.database.sql).all()
        let lines = rows.map { row in
            Line(id: row.id, name: row.name, hint: row.hint + "…", createdBy: row.createdBy, created: Provenance.day(row.createdAt),
                 state: row.revokedAt.map { "Revoked \(Provenance.day($0))" } ?? row.lastUsedAt.map { "Last used \(Provenance.day($0))" } ?? "Never used",
                 isLive: row.revokedAt == nil, revokeAction: SiteURL.adminRevokeToken(row.id).path)
        }
        return AdminTokensView(
            meta: site.meta(title: "API tokens — Verdicts", description: "Tokens that integrations vote with through the public API.",
                            path: SiteURL.adminTokens.path),
            notice: notice, created: created, tokens: lines, hasTokens: !lines.isEmpty)
    }
}
