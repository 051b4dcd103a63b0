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
        guard let row = try await catalog.tool(slug: slug) else { return nil }
        let reading = try await ToolReading.read(row, site: site)
        let (tool, category, reviews, counts) = (reading.tool, reading.category, reading.reviews, reading.votes)
        let card = ToolCardView(tool: tool, category: category, panel: reading.panel, votes: counts)
        var vote: VoteFormView?
        if let voter {
            vote = VoteFormView(tool: tool, counts: counts, current: try await VoteQueries(site.database.sql).toolVote(toolId: tool.id, voter: voter.key),
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
            alternatives: reading.alternatives.map { LinkView(label: "\(tool.name) vs \($0.name)", url: SiteURL.compare(tool.slug, $0.slug).path) },
            hasAlternatives: !reading.alternatives.isEmpty,
            compareOptionsHTML: try await site.toolNames.pickerOptions(for: tool, catalog: catalog),
            vote: vote, live: live, historyURL: SiteURL.runs(tool.slug).path, mixedModels: reading.mixedModels)
        page.meta.refreshWithoutScript = live != nil
        return page
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
