import Foundation
import VerdictsCore

/// The head-to-head standings, whichever way they are shown: the latest fit, overall or in one
/// category, each standing with its tool. The leaderboard page (`LeaderboardView`, the top rows)
/// and the API document (every row) are both built from this value.
struct LeaderboardReading: Sendable {
    struct Entry: Sendable {
        let standing: Leaderboard.Standing
        let tool: ToolRow
    }

    let category: CategoryRow?
    let entries: [Entry]
    /// How many tools the fit ranks, of which `entries` may be the top only.
    let ranked: Int
    /// Nil while the first fit is running.
    let computedAt: Date?

    /// Reads at most `limit` standings (nil: all of them) and only their tools, a thousand ids a
    /// statement so that a ranking of the whole catalog stays within the engines' bind limits.
    static func read(category: CategoryRow?, limit: Int?, site: Site) async throws -> LeaderboardReading {
        let all = if let category { await site.leaderboard.byCategory[category.id] ?? [] } else { await site.leaderboard.overall }
        let standings = limit.map { Array(all.prefix($0)) } ?? all
        let catalog = CatalogQueries(site.database.sql)
        var tools: [Int: ToolRow] = [:]
        for start in stride(from: 0, to: standings.count, by: 1000) {
            let ids = standings[start..<min(start + 1000, standings.count)].map(\.toolId)
            for tool in try await catalog.tools(ids: ids) { tools[tool.id] = tool }
        }
        return LeaderboardReading(
            category: category, entries: standings.compactMap { standing in tools[standing.toolId].map { Entry(standing: standing, tool: $0) } },
            ranked: all.count, computedAt: await site.leaderboard.computedAt)
    }
}
