import Foundation
import VerdictsCore

/// `/leaderboard`: head-to-head strengths from readers' answers, overall or in one category.
struct LeaderboardView: PageView {
    struct Row: Sendable {
        let rank: String
        let name: String
        let url: String
        let strength: String
        let interval: String
        let matchups: Int
    }

    var meta: PageMeta
    let heading: String
    let rows: [Row]
    let hasRows: Bool
    /// Set when the table shows only the top of the ranking.
    let shownSummary: String?
    let categories: [CategoryView.Option]
    let updated: String

    static let rowsShown = 100

    static func load(categorySlug: String?, site: Site) async throws -> LeaderboardView {
        let catalog = CatalogQueries(site.database.sql)
        let categories = try await catalog.categories()
        let category = categories.first { $0.slug == categorySlug }
        let all = category == nil ? await site.leaderboard.overall : (await site.leaderboard.byCategory[category!.id] ?? [])
        // The page shows the top of the table; a catalog of 100,000 tools would make it megabytes.
        let standings = all.prefix(rowsShown)
        let tools = Dictionary(uniqueKeysWithValues: try await catalog.tools(ids: standings.map(\.toolId)).map { ($0.id, $0) })
        let rows = standings.compactMap { standing -> Row? in
            guard let tool = tools[standing.toolId] else { return nil }
            let r = standing.rating
            return Row(
                rank: standing.bestRank == standing.worstRank ? "\(standing.bestRank)" : "\(standing.bestRank)–\(standing.worstRank)",
                name: tool.name, url: SiteURL.tool(tool.slug).path,
                strength: String(format: "%+.2f", r.strength),
                interval: String(format: "%+.2f to %+.2f", r.lower, r.upper), matchups: r.matchups)
        }
        let computed = await site.leaderboard.computedAt
        return LeaderboardView(
            meta: site.meta(
                title: category.map { "\($0.name) head-to-head leaderboard — Verdicts" } ?? "Head-to-head leaderboard — Verdicts",
                description: "Which AI tools readers would ship with, from head-to-head answers, with uncertainty shown as rank ranges.",
                path: SiteURL.leaderboard.path),
            heading: category.map { "\($0.name): head-to-head leaderboard" } ?? "Head-to-head leaderboard",
            rows: rows, hasRows: !rows.isEmpty,
            shownSummary: all.count > rowsShown ? "The top \(rowsShown) of \(all.count) tools with answers." : nil,
            categories: [CategoryView.Option(value: "", label: "All categories", selected: category == nil)]
                + categories.map { CategoryView.Option(value: $0.slug, label: $0.name, selected: $0.id == category?.id) },
            updated: computed.map { "Fitted \($0.formatted(.iso8601))." } ?? "Being fitted; reload in a moment.")
    }
}
