import VerdictsCore

/// `/compare/<a>-vs-<b>`: two cards, the decision table and the reviewer scorecard.
struct ComparisonView: Sendable {
    struct Row: Sendable {
        let question: String
        let a: String
        let b: String
    }

    struct ScoreRow: Sendable {
        let persona: String
        let a: ReviewView?
        let b: ReviewView?
        /// The panel splits on this persona: opposite calls, or scores 20+ points apart.
        let split: Bool
    }

    let title: String
    let description: String
    let a: ToolCardView
    let b: ToolCardView
    let decisions: [Row]
    let scorecard: [ScoreRow]

    static func load(_ first: ToolRow, _ second: ToolRow, site: Site) async throws -> ComparisonView {
        let catalog = CatalogQueries(site.database.sql)
        let panels = PanelQueries(site.database.sql)
        let reviewsA = try await panels.latestPanel(toolId: first.id)
        let reviewsB = try await panels.latestPanel(toolId: second.id)
        let a = ToolCardView(tool: first, category: try await catalog.category(id: first.categoryId), panel: PanelSummary(reviewsA))
        let b = ToolCardView(tool: second, category: try await catalog.category(id: second.categoryId), panel: PanelSummary(reviewsB))
        let personas = try await catalog.personas()
        let scorecard = personas.map { persona -> ScoreRow in
            let ra = reviewsA.first { $0.personaSlug == persona.slug }
            let rb = reviewsB.first { $0.personaSlug == persona.slug }
            let split = ra.flatMap { ra in rb.map { rb in ra.verdict != rb.verdict || abs(ra.score - rb.score) >= 20 } } ?? false
            return ScoreRow(persona: persona.name, a: ra.map(ReviewView.init), b: rb.map(ReviewView.init), split: split)
        }
        return ComparisonView(
            title: "\(first.name) vs \(second.name)",
            description: "\(first.name) or \(second.name)? The AI reviewer panel's verdicts, pricing and who each is best for, side by side.",
            a: a, b: b,
            decisions: [
                Row(question: "Panel verdict", a: a.panelLabel, b: b.panelLabel),
                Row(question: "Community", a: a.community, b: b.community),
                Row(question: "Pricing", a: a.pricing, b: b.pricing),
                Row(question: "Best for", a: a.bestFor, b: b.bestFor),
                Row(question: "Category", a: a.categoryName, b: b.categoryName),
            ],
            scorecard: scorecard)
    }
}
