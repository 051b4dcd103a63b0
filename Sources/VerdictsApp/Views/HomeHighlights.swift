import Foundation
import VerdictsCore

/// What the home page leads with — the latest verdicts, where the panel splits, the comparisons
/// readers answered most — loaded once for the page and for `GET /api/v1/highlights`.
struct HomeHighlights {
    let categories: [CategoryRow]
    let tools: [ToolRow]
    let panels: [Int: [PanelReview]]
    let votes: [Int: VoteCounts]
    /// Tools by when their verdict was written, newest first, with that time.
    let latest: [(ToolRow, Date)]
    let splits: [(ToolRow, PanelSplit)]
    /// Pairs in id order with their answers, most answered first.
    let popular: [(ToolRow, ToolRow, Int)]

    static func load(site: Site, latestLimit: Int = 6, splitLimit: Int = 4, popularLimit: Int = 8) async throws -> HomeHighlights {
        let catalog = CatalogQueries(site.database.sql)
        let panelQueries = PanelQueries(site.database.sql)
        let tools = try await catalog.tools()
        let panels = try await panelQueries.latestPanels()
        let times = try await panelQueries.latestVerdictTimes()
        let byId = Dictionary(uniqueKeysWithValues: tools.map { ($0.id, $0) })
        let latest = tools.compactMap { tool in times[tool.id].map { (tool, $0) } }
            .sorted { ($0.1, $0.0.name) > ($1.1, $1.0.name) }
        let splits = PanelSplit.closest(panels, names: byId.mapValues(\.name), limit: splitLimit).compactMap { split in
            byId[split.toolId].map { ($0, split) }
        }
        let popular = try await VoteQueries(site.database.sql).popularPairs(limit: popularLimit).compactMap { pair -> (ToolRow, ToolRow, Int)? in
            guard let a = byId[pair.0], let b = byId[pair.1] else { return nil }
            return (a, b, pair.2)
        }
        return HomeHighlights(
            categories: try await catalog.categories(), tools: tools, panels: panels, votes: try await VoteQueries(site.database.sql).toolCounts(),
            latest: Array(latest.prefix(latestLimit)), splits: splits, popular: popular)
    }

    func category(of tool: ToolRow) -> CategoryRow? { categories.first { $0.id == tool.categoryId } }
    func panel(of tool: ToolRow) -> PanelSummary { PanelSummary(panels[tool.id] ?? []) }
}
