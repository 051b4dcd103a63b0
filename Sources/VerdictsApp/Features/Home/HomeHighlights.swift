import Foundation
import VerdictsCore

/// What the home page leads with — the latest verdicts, where the panel splits, the comparisons
/// readers answered most — loaded once for the page and for `GET /api/v1/highlights`.
///
/// The database picks the few tools shown (latest verdicts, closest splits, most answered pairs);
/// only those are read whole, so the page costs the same with ten tools or a hundred thousand.
struct HomeHighlights {
    let categories: [CategoryRow]
    /// Tools in each category, by category id.
    let categoryToolCounts: [Int: Int]
    let panels: [Int: [PanelReview]]
    let votes: [Int: VoteCounts]
    /// Tools by when their verdict was written, newest first, with that time.
    let latest: [(ToolRow, Date)]
    let splits: [(ToolRow, PanelSplit)]
    /// Pairs in id order with their answers, most answered first.
    let popular: [(ToolRow, ToolRow, Int)]
    /// Before anyone has answered a head-to-head: each category's two best-scored tools.
    let startingPairs: [(ToolRow, ToolRow)]

    var isEmpty: Bool { categoryToolCounts.values.reduce(0, +) == 0 }

    static func load(site: Site, latestLimit: Int = 6, splitLimit: Int = 4, popularLimit: Int = 8) async throws -> HomeHighlights {
        let sql = site.database.sql
        let catalog = CatalogQueries(sql)
        let panelQueries = PanelQueries(sql)
        let latestIds = try await panelQueries.latestVerdicts(limit: latestLimit)
        let splitIds = try await panelQueries.closestSplitTools(limit: splitLimit)
        let pairs = try await VoteQueries(sql).popularPairs(limit: popularLimit)
        let categories = try await catalog.categories()
        let counts = try await catalog.toolCountsByCategory()
        // Without answers the starting pairs need every panel; a catalog that large has answers.
        let everyTool = pairs.isEmpty ? try await catalog.tools() : []
        let shownIds = Set(latestIds.map(\.toolId) + splitIds + pairs.flatMap { [$0.0, $0.1] })
        let byId = Dictionary((try await catalog.tools(ids: Array(shownIds)) + everyTool).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let panels = pairs.isEmpty ? try await panelQueries.latestPanels() : try await panelQueries.latestPanels(toolIds: Array(shownIds))
        let names = byId.mapValues(\.name)
        let splits = PanelSplit.closest(panels.filter { splitIds.contains($0.key) }, names: names, limit: splitLimit).compactMap { split in
            byId[split.toolId].map { ($0, split) }
        }
        return HomeHighlights(
            categories: categories, categoryToolCounts: counts, panels: panels,
            votes: try await VoteQueries(sql).toolCounts(toolIds: Array(shownIds)),
            latest: latestIds.compactMap { entry in byId[entry.toolId].map { ($0, entry.at) } },
            splits: splits,
            popular: pairs.compactMap { pair in
                guard let a = byId[pair.0], let b = byId[pair.1] else { return nil }
                return (a, b, pair.2)
            },
            startingPairs: startingPairs(everyTool, panels: panels, categories: categories))
    }

    /// Each category's two best-scored tools, the comparisons worth opening first.
    static func startingPairs(_ tools: [ToolRow], panels: [Int: [PanelReview]], categories: [CategoryRow]) -> [(ToolRow, ToolRow)] {
        categories.compactMap { category in
            let ranked = tools.filter { $0.categoryId == category.id }
                .sorted { (PanelSummary(panels[$0.id] ?? []).averageScore ?? 0) > (PanelSummary(panels[$1.id] ?? []).averageScore ?? 0) }
            guard ranked.count >= 2 else { return nil }
            return (ranked[0], ranked[1])
        }
    }

    func category(of tool: ToolRow) -> CategoryRow? { categories.first { $0.id == tool.categoryId } }
    func panel(of tool: ToolRow) -> PanelSummary { PanelSummary(panels[tool.id] ?? []) }
}
