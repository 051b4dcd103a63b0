import Foundation
import VerdictsCore

struct HomeView: PageView {
    struct CategoryLink: Sendable {
        let name: String
        let description: String
        let url: String
        let toolCount: Int
    }

    struct Split: Sendable {
        let tool: ToolCardView
        let summary: String
    }

    var meta: PageMeta
    let latest: [ToolCardView]
    let splits: [Split]
    let comparisons: [LinkView]
    let comparisonsHeading: String
    let categories: [CategoryLink]
    let isEmpty: Bool

    static func load(site: Site) async throws -> HomeView {
        let catalog = CatalogQueries(site.database.sql)
        let panelQueries = PanelQueries(site.database.sql)
        let categories = try await catalog.categories()
        let categoryById = Dictionary(uniqueKeysWithValues: categories.map { ($0.id, $0) })
        let tools = try await catalog.tools()
        let panels = try await panelQueries.latestPanels()
        let times = try await panelQueries.latestVerdictTimes()
        let votes = try await VoteQueries(site.database.sql).toolCounts()
        func card(_ tool: ToolRow) -> ToolCardView {
            ToolCardView(tool: tool, category: categoryById[tool.categoryId], panel: PanelSummary(panels[tool.id] ?? []), votes: votes[tool.id])
        }
        let latest = tools.filter { times[$0.id] != nil }
            .sorted { (times[$0.id]!, $0.name) > (times[$1.id]!, $1.name) }
            .prefix(6).map(card)
        let byId = Dictionary(uniqueKeysWithValues: tools.map { ($0.id, $0) })
        let splits = PanelSplit.closest(panels, names: byId.mapValues(\.name), limit: 4).compactMap { split -> Split? in
            byId[split.toolId].map { Split(tool: card($0), summary: split.label) }
        }
        // Popular comparisons are the pairs readers answered most; before anyone has answered,
        // each category's two best-scored tools are the comparisons worth opening first.
        let popular = try await VoteQueries(site.database.sql).popularPairs(limit: 8).compactMap { pair -> LinkView? in
            guard let a = byId[pair.0], let b = byId[pair.1] else { return nil }
            return LinkView(label: "\(a.name) vs \(b.name) (\(pair.2) \(pair.2 == 1 ? "answer" : "answers"))", url: SiteURL.compare(a.slug, b.slug).path)
        }
        return HomeView(
            meta: site.meta(
                title: "Verdicts — which AI tool should you ship with?",
                description: "An AI reviewer panel, community votes and pricing for AI developer tools, with any two side by side.",
                path: SiteURL.home.path),
            latest: Array(latest), splits: splits,
            comparisons: popular.isEmpty ? startingComparisons(tools, panels: panels, categories: categories) : popular,
            comparisonsHeading: popular.isEmpty ? "Comparisons to start with" : "Popular comparisons",
            categories: categories.map { category in
                CategoryLink(name: category.name, description: category.description, url: SiteURL.category(category.slug).path,
                             toolCount: tools.filter { $0.categoryId == category.id }.count)
            },
            isEmpty: tools.isEmpty)
    }

    /// Until readers vote, the comparisons worth opening are each category's two best-scored tools.
    static func startingComparisons(_ tools: [ToolRow], panels: [Int: [PanelReview]], categories: [CategoryRow]) -> [LinkView] {
        categories.compactMap { category in
            let ranked = tools.filter { $0.categoryId == category.id }
                .sorted { (PanelSummary(panels[$0.id] ?? []).averageScore ?? 0) > (PanelSummary(panels[$1.id] ?? []).averageScore ?? 0) }
            guard ranked.count >= 2 else { return nil }
            return LinkView(label: "\(ranked[0].name) vs \(ranked[1].name)", url: SiteURL.compare(ranked[0].slug, ranked[1].slug).path)
        }
    }
}
