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
        let home = try await HomeHighlights.load(site: site)
        func card(_ tool: ToolRow) -> ToolCardView {
            ToolCardView(tool: tool, category: home.category(of: tool), panel: home.panel(of: tool), votes: home.votes[tool.id])
        }
        // Popular comparisons are the pairs readers answered most; before anyone has answered,
        // each category's two best-scored tools are the comparisons worth opening first.
        let popular = home.popular.map { a, b, answers in
            LinkView(label: "\(a.name) vs \(b.name) (\(answers) \(answers == 1 ? "answer" : "answers"))", url: SiteURL.compare(a.slug, b.slug).path)
        }
        return HomeView(
            meta: site.meta(
                title: "Verdicts — which AI tool should you ship with?",
                description: "An AI reviewer panel, community votes and pricing for AI developer tools, with any two side by side.",
                path: SiteURL.home.path),
            latest: home.latest.map { card($0.0) },
            splits: home.splits.map { Split(tool: card($0.0), summary: $0.1.label) },
            comparisons: popular.isEmpty
                ? home.startingPairs.map { LinkView(label: "\($0.name) vs \($1.name)", url: SiteURL.compare($0.slug, $1.slug).path) }
                : popular,
            comparisonsHeading: popular.isEmpty ? "Comparisons to start with" : "Popular comparisons",
            categories: home.categories.map { category in
                CategoryLink(name: category.name, description: category.description, url: SiteURL.category(category.slug).path,
                             toolCount: home.categoryToolCounts[category.id] ?? 0)
            },
            isEmpty: home.isEmpty)
    }
}
