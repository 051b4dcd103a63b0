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
        // The closest splits: panels divided most evenly, then with the widest spread of scores.
        let splits = tools.compactMap { tool -> (ToolRow, Int, Int)? in
            let reviews = panels[tool.id] ?? []
            let summary = PanelSummary(reviews)
            guard summary.shipCount > 0, summary.skipCount > 0 else { return nil }
            let spread = (reviews.map(\.score).max() ?? 0) - (reviews.map(\.score).min() ?? 0)
            return (tool, abs(summary.shipCount - summary.skipCount), spread)
        }
        .sorted { ($0.1, -$0.2, $0.0.name) < ($1.1, -$1.2, $1.0.name) }
        .prefix(4)
        .map { Split(tool: card($0.0), summary: "\(PanelSummary(panels[$0.0.id] ?? []).label), scores \($0.2) points apart") }
        // Popular comparisons are the pairs readers answered most; before anyone has answered,
        // each category's two best-scored tools are the comparisons worth opening first.
        let byId = Dictionary(uniqueKeysWithValues: tools.map { ($0.id, $0) })
        let popular = try await VoteQueries(site.database.sql).popularPairs(limit: 8).compactMap { pair -> LinkView? in
            guard let a = byId[pair.0], let b = byId[pair.1] else { return nil }
            return LinkView(label: "\(a.name) vs \(b.name) (\(pair.2) \(pair.2 == 1 ? "answer" : "answers"))", url: SiteURL.compare(a.slug, b.slug).path)
        }
        return HomeView(
            meta: site.meta(
                title: "Verdicts — which AI tool should you ship with?",
                description: "An AI reviewer panel, community votes and pricing for AI developer tools, with any two side by side.",
                path: SiteURL.home.path),
            latest: Array(latest), splits: Array(splits),
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
