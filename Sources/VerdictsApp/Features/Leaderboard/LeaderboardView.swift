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
        // The page shows the top of the table; a catalog of 100,000 tools would make it megabytes.
        let reading = try await LeaderboardReading.read(category: category, limit: rowsShown, site: site)
        let rows = reading.entries.map { entry in
            let (standing, tool, r) = (entry.standing, entry.tool, entry.standing.rating)
            return Row(
                rank: standing.bestRank == standing.worstRank ? "\(standing.bestRank)" : "\(standing.bestRank)–\(standing.worstRank)",
                name: tool.name, url: SiteURL.tool(tool.slug).path,
                strength: String(format: "%+.2f", r.strength),
                interval: String(format: "%+.2f to %+.2f", r.lower, r.upper), matchups: r.matchups)
        }
        return LeaderboardView(
            meta: site.meta(
                title: category.map { "\($0.name) head-to-head leaderboard — Verdicts" } ?? "Head-to-head leaderboard — Verdicts",
                description: "Which AI tools readers would ship with, from head-to-head answers, with uncertainty shown as rank ranges.",
                path: SiteURL.leaderboard.path),
            heading: category.map { "\($0.name): head-to-head leaderboard" } ?? "Head-to-head leaderboard",
            rows: rows, hasRows: !rows.isEmpty,
            shownSummary: reading.ranked > rowsShown ? "The top \(rowsShown) of \(reading.ranked) tools with answers." : nil,
            categories: [CategoryView.Option(value: "", label: "All categories", selected: category == nil)]
                + categories.map { CategoryView.Option(value: $0.slug, label: $0.name, selected: $0.id == category?.id) },
            updated: reading.computedAt.map { "Fitted \($0.formatted(.iso8601))." } ?? "Being fitted; reload in a moment.")
    }
}
