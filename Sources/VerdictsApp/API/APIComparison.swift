import VerdictsCore

/// A tool with everything its page shows, loaded once for its document and its card.
struct LoadedTool {
    let row: ToolRow
    let category: CategoryRow?
    let reviews: [PanelReview]
    let votes: VoteCounts
    let others: [ToolRow]

    static func load(_ tool: ToolRow, site: Site) async throws -> LoadedTool {
        let catalog = CatalogQueries(site.database.sql)
        let reviews = try await PanelQueries(site.database.sql).latestPanel(toolId: tool.id)
        return LoadedTool(
            row: tool, category: try await catalog.category(id: tool.categoryId),
            reviews: try await StabilityQueries(site.database.sql).attach(toolId: tool.id, reviews: reviews),
            votes: try await VoteQueries(site.database.sql).toolCounts(toolId: tool.id),
            others: try await ToolPageView.alternatives(to: tool, catalog: catalog))
    }

    var document: API.Tool { API.tool(row, category: category, reviews: reviews, votes: votes, alternatives: others) }
    var card: ToolCardView { ToolCardView(tool: row, category: category, panel: PanelSummary(reviews), votes: votes) }
}

/// Builds the comparison document from the same pieces as the comparison page: its decision
/// table, split rule, agreement sentence and related pairs come from `ComparisonView`.
enum APIComparison {
    static func load(_ a: ToolRow, _ b: ToolRow, site: Site) async throws -> API.Comparison {
        let catalog = CatalogQueries(site.database.sql)
        let votes = VoteQueries(site.database.sql)
        let (left, right) = (try await LoadedTool.load(a, site: site), try await LoadedTool.load(b, site: site))
        let scorecard = try await catalog.personas().map { persona in
            let ra = left.reviews.first { $0.personaSlug == persona.slug }, rb = right.reviews.first { $0.personaSlug == persona.slug }
            return API.ScoreRow(persona: persona.slug, personaName: persona.name, a: ra.map(API.Review.init), b: rb.map(API.Review.init),
                                split: ComparisonView.isSplit(ra, rb))
        }
        let splits = scorecard.filter(\.split).count
        let tally = try await votes.matchupCounts(toolA: a.id, toolB: b.id)
        let pick = try await PairwiseQueries(site.database.sql).verdict(a.id, b.id).map {
            API.PanelPick($0, slugs: [a.id: a.slug, b.id: b.slug], names: [a.id: a.name, b.id: b.name])
        }
        return API.Comparison(
            title: "\(a.name) vs \(b.name)", url: SiteURL.compare(a.slug, b.slug).path, a: left.document, b: right.document,
            decision: ComparisonView.decisionRows(left.card, right.card).map { API.DecisionRow(question: $0.question, a: $0.left, b: $0.right) },
            scorecard: scorecard, splitCount: splits, agreement: ComparisonView.agreement(splits: splits, personas: scorecard.count),
            headToHead: API.HeadToHead(a: tally.a, b: tally.b, tie: tally.tie), panelPick: pick,
            related: try await ComparisonView.relatedPairs(a, b, names: site.toolNames, catalog: catalog, votes: votes).map { API.RelatedComparison($0, $1) })
    }
}
