import Foundation
import Hummingbird
import VerdictsCore

/// The admin desk, for accounts with the admin role (`verdicts user grant-admin <email>`): tools
/// created and edited with the import's own validation, panel runs queued and watched, failed runs
/// with their reasons, and vote moderation. Every form carries the reader's CSRF token.
struct AdminController {
    let site: Site

    /// Registers on the `/admin` group, behind `AdminOnlyMiddleware`.
    func register(on routes: SiteRoutes) {
        routes.on(.adminHome, use: home)
        routes.on(.adminTools, use: tools)
        routes.on(.adminNewTool, use: newTool)
        routes.on(.adminCreateTool, use: createTool)
        routes.on(.adminEditTool, use: editTool)
        routes.on(.adminUpdateTool, use: updateTool)
        routes.on(.adminQueuePanel, use: queuePanel)
        routes.on(.adminVotes, use: votes)
        routes.on(.adminModerate, use: moderate)
    }

    /// Reads a form and checks its CSRF token; nil when the token fails, `MalformedRequest` when the
    /// form is not text.
    func form(_ request: Request, _ context: AppRequestContext) async throws -> [String: String]? {
        guard let voter = context.voter else { return nil }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard let fields = FormQuery.parseStrict(buffer) else { throw MalformedRequest.form }
        guard site.signer.checkCSRF(fields["csrf"], for: voter) else { return nil }
        return fields
    }

    func expired(_ request: Request, _ context: AppRequestContext) throws -> Response {
        try site.messagePage(
            "Please try again", "This form has expired. Reload the page and submit it again; nothing was changed.",
            status: .forbidden, path: SiteURL.admin.path, voter: context.voter).response(from: request, context: context)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        return try site.page("admin", try await AdminHomeView.load(site: site), voter: context.voter).response(from: request, context: context)
    }

    @Sendable func tools(_ request: Request, context: AppRequestContext) async throws -> Response {
        return try site.page("admin-tools", try await AdminToolsView.load(site: site), voter: context.voter).response(from: request, context: context)
    }

    @Sendable func newTool(_ request: Request, context: AppRequestContext) async throws -> Response {
        let view = try await AdminToolFormView.load(site: site, slug: nil)!
        return try site.page("admin-tool", view, voter: context.voter).response(from: request, context: context)
    }

    @Sendable func editTool(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = context.parameters.get("slug") ?? ""
        let saved = FormQuery.parse(request)["saved"] == "1"
        guard let view = try await AdminToolFormView.load(site: site, slug: slug, saved: saved) else {
            return try await site.notFound("There is no tool called '\(slug)'.", path: request.uri.path).response(from: request, context: context)
        }
        return try site.page("admin-tool", view, voter: context.voter).response(from: request, context: context)
    }

    @Sendable func createTool(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let fields = try await form(request, context) else { return try expired(request, context) }
        if let slug = fields["slug"], try await CatalogQueries(site.database.sql).tool(slug: slug) != nil {
            return try await save(fields, slug: nil, problems: ["A tool with the slug '\(slug)' already exists; edit it instead, or choose another slug."],
                                  request, context)
        }
        return try await save(fields, slug: nil, request, context)
    }

    @Sendable func updateTool(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = context.parameters.get("slug") ?? ""
        guard try await CatalogQueries(site.database.sql).tool(slug: slug) != nil else {
            return try await site.notFound("There is no tool called '\(slug)'.", path: request.uri.path).response(from: request, context: context)
        }
        guard var fields = try await form(request, context) else { return try expired(request, context) }
        fields["slug"] = slug  // the address of a tool never changes from the form
        return try await save(fields, slug: slug, request, context)
    }

    /// Saves through the import's validation; shows every problem with the form as it was typed
    /// (and changes nothing) when there are any.
    private func save(_ fields: [String: String], slug: String?, problems known: [String] = [], _ request: Request,
                      _ context: AppRequestContext) async throws -> Response {
        guard let editor = site.toolEditor else {
            return try site.messagePage(
                "Editing is off", "This server was started without a tool editor.", status: .serviceUnavailable, path: SiteURL.adminTools.path,
                voter: context.voter).response(from: request, context: context)
        }
        let problems = known.isEmpty ? try await editor.saveTool(fields) : known
        guard problems.isEmpty else {
            let view = try await AdminToolFormView.load(site: site, slug: slug, values: fields, problems: problems)!
            return try site.page("admin-tool", view, voter: context.voter, status: .unprocessableContent).response(from: request, context: context)
        }
        // A new or renamed tool shows in every picker and search here at once (elsewhere within seconds).
        site.catalogChanged()
        return Response.redirect(to: SiteURL.adminTool(fields["slug"] ?? "").with(["saved": "1"]), type: .normal)
    }

    @Sendable func queuePanel(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard try await form(request, context) != nil else { return try expired(request, context) }
        let slug = context.parameters.get("slug") ?? ""
        guard let tool = try await CatalogQueries(site.database.sql).tool(slug: slug) else {
            return try await site.notFound("There is no tool called '\(slug)'.", path: request.uri.path).response(from: request, context: context)
        }
        let backend = site.panelBackend
        _ = try await PanelRunQueries(site.database.sql).queueRun(toolId: tool.id, backend: backend?.name ?? "queued", model: backend?.modelName, now: site.clock.now)
        return Response.redirect(to: SiteURL.tool(slug).path + "#live-panel", type: .normal)
    }

    @Sendable func votes(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = FormQuery.parse(request)
        let view = try await AdminVotesView.load(site: site, voter: query["voter"], ipHash: query["ip"], notice: query["notice"])
        return try site.page("admin-votes", view, voter: context.voter).response(from: request, context: context)
    }

    /// Voids or restores every vote of one voter or one address hash; counts and the leaderboard follow.
    @Sendable func moderate(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let fields = try await form(request, context) else { return try expired(request, context) }
        let voter = fields["voter"].flatMap { $0.isEmpty ? nil : $0 }, ipHash = fields["ip"].flatMap { $0.isEmpty ? nil : $0 }
        guard (voter == nil) != (ipHash == nil) else {
            return Response.redirect(to: SiteURL.adminVotes.with(["notice": "Choose one voter or one address hash."]), type: .normal)
        }
        let void = fields["action"] != "restore"
        let changed = try await VoteModeration(site.database.sql).setVoided(void, voter: voter, ipHash: ipHash)
        await site.refreshLeaderboard()
        let notice = "\(void ? "Voided" : "Restored") \(changed) vote\(changed == 1 ? "" : "s") of \(voter.map { "voter \($0)" } ?? "address hash \(ipHash!)")."
        return Response.redirect(to: SiteURL.adminVotes.with(["notice": notice]), type: .normal)
    }
}
