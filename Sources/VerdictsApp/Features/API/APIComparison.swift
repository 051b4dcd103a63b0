import VerdictsCore

/// The comparison document, built from the same `Comparison` value as the comparison page, plus
/// each tool's alternatives, which only the document carries.
enum APIComparison {
    static func load(_ a: ToolRow, _ b: ToolRow, site: Site) async throws -> API.Comparison {
        let comparison = try await Comparison.read(a, b, site: site)
        let catalog = CatalogQueries(site.database.sql)
        func document(_ side: Comparison.Side) async throws -> API.Tool {
            let alternatives = try await site.toolNames.alternatives(to: side.tool, limit: ToolReading.alternativesShown, catalog: catalog)
            return API.tool(ToolReading(tool: side.tool, category: side.category, reviews: side.reviews, votes: side.votes, alternatives: alternatives))
        }
        let scorecard = comparison.personas.map { line in
            API.ScoreRow(persona: line.persona.slug, personaName: line.persona.name, a: line.a.map(API.Review.init), b: line.b.map(API.Review.init),
                         split: line.split)
        }
        let tally = comparison.headToHead
        return API.Comparison(
            title: comparison.title, url: SiteURL.compare(a.slug, b.slug).path, a: try await document(comparison.a), b: try await document(comparison.b),
            decision: comparison.decisions.map { API.DecisionRow(question: $0.question, a: $0.a, b: $0.b) },
            scorecard: scorecard, splitCount: comparison.splitCount, agreement: comparison.agreement,
            headToHead: API.HeadToHead(a: tally.a, b: tally.b, tie: tally.tie),
            panelPick: comparison.pick.map { API.PanelPick($0, slugs: [a.id: a.slug, b.id: b.slug], names: [a.id: a.name, b.id: b.name]) },
            related: comparison.related.map { API.RelatedComparison($0, $1) })
    }
}
