import VerdictsCore

struct ToolPageView: PageView {
    var meta: PageMeta
    let toolId: Int
    let tool: ToolCardView
    let reviews: [ReviewView]
    let hasReviews: Bool
    let alternatives: [LinkView]
    /// Stored, not computed: Mustache reads view models by reflection, which sees stored properties only.
    let hasAlternatives: Bool
    /// The picker's `<option>`s, written once per list (`ToolNameLists`), not per request.
    let compareOptionsHTML: String
    let vote: VoteFormView?
    /// A panel run in progress, shown live.
    let live: LivePanelView?
    let historyURL: String
    /// Set when the panel's reviews come from several models: which persona each wrote.
    let mixedModels: String?

    static func load(slug: String, voter: Voter?, site: Site) async throws -> ToolPageView? {
        let catalog = CatalogQueries(site.database.sql)
        guard let tool = try await catalog.tool(slug: slug) else { return nil }
        // One statement (latestPanel takes two: the run, then its reviews).
        let reviews = try await StabilityQueries(site.database.sql).attach(
            toolId: tool.id, reviews: PanelQueries(site.database.sql).latestPanels(toolIds: [tool.id])[tool.id] ?? [])
        let category = try await site.category(id: tool.categoryId)
        let others = try await site.toolNames.alternatives(to: tool, limit: alternativesShown, catalog: catalog)
        let votes = VoteQueries(site.database.sql)
        let counts = try await votes.toolCounts(toolId: tool.id)
        let card = ToolCardView(tool: tool, category: category, panel: PanelSummary(reviews), votes: counts)
        var vote: VoteFormView?
        if let voter {
            vote = VoteFormView(tool: tool, counts: counts, current: try await votes.toolVote(toolId: tool.id, voter: voter.key),
                                csrf: site.signer.csrfToken(for: voter), returnTo: SiteURL.tool(tool.slug).path + "#community")
        }
        let live = try await LivePanelView.load(tool: tool, site: site)
        var page = ToolPageView(
            meta: site.meta(
                title: "\(tool.name): panel verdict, pricing and alternatives — Verdicts",
                description: "\(tool.tagline) Panel verdict: \(card.panelLabel).",
                path: SiteURL.tool(tool.slug).path, type: "article",
                structuredData: StructuredData.softwareApplication(tool, category: category, reviews: reviews, site: site)),
            toolId: tool.id,
            tool: card,
            reviews: reviews.map(ReviewView.init),
            hasReviews: !reviews.isEmpty,
            alternatives: others.map { LinkView(label: "\(tool.name) vs \($0.name)", url: SiteURL.compare(tool.slug, $0.slug).path) },
            hasAlternatives: !others.isEmpty,
            compareOptionsHTML: try await site.toolNames.pickerOptions(for: tool, catalog: catalog),
            vote: vote, live: live, historyURL: SiteURL.runs(tool.slug).path, mixedModels: Self.mixedModels(reviews))
        page.meta.refreshWithoutScript = live != nil
        return page
    }
}

extension ToolPageView {
    /// "This panel is a panel of models: Builder by a, Skeptic by b, …", or nil for one writer.
    static func mixedModels(_ reviews: [PanelReview]) -> String? {
        let written = reviews.filter { $0.source == .model }
        guard Set(written.compactMap(\.model)).count > 1 else { return nil }
        return "This panel is a panel of models: " + written.map { "\($0.personaName) by \($0.model ?? "an unrecorded model")" }.joined(separator: ", ") + "."
    }

    static let alternativesShown = 12

    /// The first tools of the same category by name, read fresh (the API shows these; the page
    /// shows the same ones from `ToolNameLists`).
    static func alternatives(to tool: ToolRow, catalog: CatalogQueries) async throws -> [ToolRow] {
        Array(try await catalog.tools(categoryId: tool.categoryId, limit: alternativesShown + 1).filter { $0.id != tool.id }.prefix(alternativesShown))
    }
}

struct LinkView: Sendable {
    let label: String
    let url: String
}

/// One `<option>` of a select.
struct OptionView: Sendable {
    let value: String
    let label: String
    let selected: Bool
}
