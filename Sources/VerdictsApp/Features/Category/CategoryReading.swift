import VerdictsCore

/// A category, whichever way it is shown: its tools with their panels and votes, and the rules
/// that filter, sort and pair them. `read` runs the statements once; the category page
/// (`CategoryView`) and the API document are both built from this value.
struct CategoryReading: Sendable {
    enum Sort: String, CaseIterable, Sendable {
        case score, community, newest, name
    }

    struct Entry: Sendable {
        let tool: ToolRow
        let panel: PanelSummary
        let votes: VoteCounts?
    }

    let category: CategoryRow
    /// Every tool of the category, best panel score first (ties by name).
    let entries: [Entry]

    static func read(_ category: CategoryRow, site: Site) async throws -> CategoryReading {
        let sql = site.database.sql
        let panels = try await PanelQueries(sql).latestPanels(categoryId: category.id)
        let votes = try await VoteQueries(sql).toolCounts(categoryId: category.id)
        let entries = try await CatalogQueries(sql).tools(categoryId: category.id).map {
            Entry(tool: $0, panel: PanelSummary(panels[$0.id] ?? []), votes: votes[$0.id])
        }
        return CategoryReading(category: category, entries: Self.sorted(entries, by: .score))
    }

    /// The tools that match both filters (nil: any), in `sort`'s order.
    func shown(pricing: PricingModel?, verdict: PanelCall?, sort: Sort) -> [Entry] {
        Self.sorted(entries.filter { (pricing == nil || $0.tool.pricingModel == pricing) && (verdict == nil || $0.panel.verdict == verdict) }, by: sort)
    }

    /// The comparisons among the category's four best-scored tools.
    var topPairs: [(ToolRow, ToolRow)] {
        let top = entries.prefix(4).map(\.tool)
        return top.enumerated().flatMap { i, a in top.dropFirst(i + 1).map { (a, $0) } }
    }

    private static func sorted(_ entries: [Entry], by sort: Sort) -> [Entry] {
        entries.sorted { a, b in
            switch sort {
            case .score: (a.panel.averageScore ?? -1, b.tool.name) > (b.panel.averageScore ?? -1, a.tool.name)
            case .community: (a.votes?.interval.lower ?? 0, b.tool.name) > (b.votes?.interval.lower ?? 0, a.tool.name)
            case .newest: (a.tool.launchedOn, b.tool.name) > (b.tool.launchedOn, a.tool.name)
            case .name: a.tool.name.localizedCaseInsensitiveCompare(b.tool.name) == .orderedAscending
            }
        }
    }
}
