import VerdictsCore

/// A tool, whichever way it is shown: its row and category, its latest panel with the stability
/// of each review, the community's counts and the alternatives in its category. `read` runs the
/// statements once; the tool page (`ToolPageView`) and the API document (`API.tool`) are both
/// built from this value, so the two cannot disagree.
struct ToolReading: Sendable {
    let tool: ToolRow
    let category: CategoryRow?
    let reviews: [PanelReview]
    let votes: VoteCounts
    /// The first tools of the same category by name.
    let alternatives: [ToolName]

    static let alternativesShown = 12

    var panel: PanelSummary { PanelSummary(reviews) }

    /// "This panel is a panel of models: Builder by a, Skeptic by b, …", or nil for one writer.
    var mixedModels: String? {
        let written = reviews.filter { $0.source == .model }
        guard Set(written.compactMap(\.model)).count > 1 else { return nil }
        return "This panel is a panel of models: " + written.map { "\($0.personaName) by \($0.model ?? "an unrecorded model")" }.joined(separator: ", ") + "."
    }

    static func read(_ tool: ToolRow, site: Site) async throws -> ToolReading {
        let sql = site.database.sql
        // One statement for the panel (latestPanel would take two: the run, then its reviews).
        let reviews = try await StabilityQueries(sql).attach(toolId: tool.id, reviews: PanelQueries(sql).latestPanels(toolIds: [tool.id])[tool.id] ?? [])
        return ToolReading(
            tool: tool, category: try await site.category(id: tool.categoryId), reviews: reviews,
            votes: try await VoteQueries(sql).toolCounts(toolId: tool.id),
            alternatives: try await site.toolNames.alternatives(to: tool, limit: alternativesShown, catalog: CatalogQueries(sql)))
    }
}
