import VerdictsCore

struct ToolPageView: Sendable {
    let title: String
    let description: String
    let tool: ToolCardView
    let reviews: [ReviewView]
    let hasReviews: Bool
    let alternatives: [LinkView]
    /// Stored, not computed: Mustache reads view models by reflection, which sees stored properties only.
    let hasAlternatives: Bool

    static func load(slug: String, site: Site) async throws -> ToolPageView? {
        let catalog = CatalogQueries(site.database.sql)
        guard let tool = try await catalog.tool(slug: slug) else { return nil }
        let reviews = try await PanelQueries(site.database.sql).latestPanel(toolId: tool.id)
        let category = try await catalog.category(id: tool.categoryId)
        let others = try await catalog.tools(categoryId: tool.categoryId).filter { $0.id != tool.id }
        return ToolPageView(
            title: "\(tool.name) — panel verdict and pricing",
            description: tool.tagline,
            tool: ToolCardView(tool: tool, category: category, panel: PanelSummary(reviews)),
            reviews: reviews.map(ReviewView.init),
            hasReviews: !reviews.isEmpty,
            alternatives: others.map { LinkView(label: "\(tool.name) vs \($0.name)", url: SiteURL.compare(tool.slug, $0.slug).path) },
            hasAlternatives: !others.isEmpty)
    }
}

struct LinkView: Sendable {
    let label: String
    let url: String
}
