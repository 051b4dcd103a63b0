import VerdictsCore

/// A tool's panel runs, newest first, each with how many reviews it holds. The run history page
/// (`RunHistoryView`) and `GET /api/v1/tools/<slug>/runs` are both built from this value.
struct RunHistoryReading: Sendable {
    struct Entry: Sendable {
        let run: PanelRunRow
        let reviewCount: Int
    }

    let tool: ToolRow
    let entries: [Entry]

    static func read(tool: ToolRow, site: Site) async throws -> RunHistoryReading {
        let queries = PanelRunQueries(site.database.sql)
        let runs = try await queries.runs(toolId: tool.id)
        let counts = try await queries.reviewCounts(runIds: runs.map(\.id))
        return RunHistoryReading(tool: tool, entries: runs.map { Entry(run: $0, reviewCount: counts[$0.id] ?? 0) })
    }
}

/// One panel run of a tool with its reviews; nil when the tool has no run of that id. The run page
/// (`RunPageView`) and `GET /api/v1/tools/<slug>/runs/<id>` are both built from this value.
struct RunReading: Sendable {
    let run: PanelRunRow
    let reviews: [PanelReview]

    static func read(tool: ToolRow, runId: Int, site: Site) async throws -> RunReading? {
        let queries = PanelRunQueries(site.database.sql)
        guard let run = try await queries.run(id: runId), run.toolId == tool.id else { return nil }
        return RunReading(run: run, reviews: try await queries.reviews(runId: run.id))
    }
}
