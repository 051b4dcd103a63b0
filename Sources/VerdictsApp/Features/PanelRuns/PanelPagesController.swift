import Hummingbird
import VerdictsCore

/// The panel's public pages: the live stream of a run in progress (a tool's, or a pair's pick), a
/// tool's run history, one run, and what changed between two runs.
struct PanelPagesController {
    let site: Site

    func register(on routes: SiteRoutes) {
        routes.on(.panelLive, use: live)
        routes.on(.pairwiseLive, use: pairwiseLive)
        routes.on(.runs, use: history)
        routes.on(.runDiff, use: diff)
        routes.on(.run, use: run)
    }

    @Sendable func live(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let tool = try await tool(context) else { throw HTTPError(.notFound, message: "There is no such tool.") }
        let runs = PanelRunQueries(site.database.sql)
        var run = try await runs.unfinishedRun(toolId: tool.id)
        if run == nil { run = try await runs.runs(toolId: tool.id).first }
        guard let run else {
            return LiveEvents.single(LiveEvents.event("done", ["status": "none", "message": "No panel run yet."]))
        }
        try Self.admit()
        return LiveEventStream(source: LivePanelRun(runs: runs, runId: run.id), pollInterval: site.livePollInterval).response()
    }

    /// The pairwise run of a comparison, as `/compare/<a>-vs-<b>` names the pair.
    @Sendable func pairwiseLive(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let (first, second) = SiteURL.comparisonSlugs(context.parameters.get("pair") ?? ""), first != second else {
            throw HTTPError(.notFound, message: "A comparison address looks like /compare/cursor-vs-windsurf/panel/live.")
        }
        let tools = try await CatalogQueries(site.database.sql).tools(slugs: [first, second])
        guard tools.count == 2 else { throw HTTPError(.notFound, message: "There is no such pair of tools in the catalog.") }
        let queries = PairwiseQueries(site.database.sql)
        guard let run = try await queries.latestRun(tools[0].id, tools[1].id) else {
            return LiveEvents.single(LiveEvents.event("done", ["status": "none", "message": "The panel has not been asked about this pair yet."]))
        }
        try Self.admit()
        return LiveEventStream(source: LivePairwiseRun(queries: queries, runId: run.id, tools: tools), pollInterval: site.livePollInterval)
            .response()
    }

    private static func admit() throws {
        guard LiveEvents.admit() else {
            throw HTTPError(.serviceUnavailable, message: "Too many live views are open; reload the page in a moment.")
        }
    }

    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let tool = try await tool(context) else { return try await missingTool(request, context) }
        return try site.page("runs", try await RunHistoryView.load(tool: tool, site: site), voter: context.voter)
            .response(from: request, context: context)
    }

    @Sendable func run(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let tool = try await tool(context) else { return try await missingTool(request, context) }
        guard let id = context.parameters.get("id").flatMap(Int.init),
            let view = try await RunPageView.load(tool: tool, runId: id, site: site)
        else {
            return try await site.notFound("\(tool.name) has no panel run with that number.", path: request.uri.path)
                .response(from: request, context: context)
        }
        return try site.page("run", view, voter: context.voter).response(from: request, context: context)
    }

    @Sendable func diff(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let tool = try await tool(context) else { return try await missingTool(request, context) }
        let query = FormQuery.parse(request)
        guard let from = query["from"].flatMap(Int.init), let to = query["to"].flatMap(Int.init),
            let view = try await RunDiffView.load(tool: tool, from: from, to: to, site: site)
        else {
            return try await site.notFound(
                "Pick two of \(tool.name)'s runs to compare, as ?from=<run>&to=<run>; the run history lists them.",
                path: request.uri.path
            ).response(from: request, context: context)
        }
        return try site.page("run-diff", view, voter: context.voter).response(from: request, context: context)
    }

    private func tool(_ context: AppRequestContext) async throws -> ToolRow? {
        try await CatalogQueries(site.database.sql).tool(slug: context.parameters.get("slug") ?? "")
    }

    private func missingTool(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let slug = context.parameters.get("slug") ?? ""
        return try await site.notFound("There is no tool called '\(slug)' in the catalog.", path: request.uri.path, near: slug)
            .response(from: request, context: context)
    }
}
