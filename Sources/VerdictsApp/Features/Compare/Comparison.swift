import VerdictsCore

/// A comparison, whichever way it is shown: both tools with their panels and votes, each persona's
/// two reviews and whether it splits on them, the decision table, the head-to-head tally, the
/// panel's pick and the related pairs. `read` runs the batched statements once; the page
/// (`ComparisonView`) and the API document (`APIComparison`) are both built from this value, so
/// the two cannot disagree.
struct Comparison: Sendable {
    struct Side: Sendable {
        let tool: ToolRow
        let category: CategoryRow?
        let reviews: [PanelReview]
        let votes: VoteCounts
        var panel: PanelSummary { PanelSummary(reviews) }
    }

    struct PersonaLine: Sendable {
        let persona: PersonaRow
        let a: PanelReview?
        let b: PanelReview?
        /// The panel splits on this persona: opposite calls, or scores 20+ points apart.
        var split: Bool { Comparison.isSplit(a, b) }
    }

    struct Decision: Sendable {
        let question: String
        let a: String
        let b: String
    }

    let a: Side
    let b: Side
    let personas: [PersonaLine]
    let headToHead: (a: Int, b: Int, tie: Int)
    /// The pair's latest complete pairwise run, if any.
    let pick: PairwiseVerdict?
    let related: [(ToolName, ToolName)]

    var title: String { "\(a.tool.name) vs \(b.tool.name)" }
    var splitCount: Int { personas.filter(\.split).count }

    var agreement: String {
        splitCount == 0
            ? "The panel agrees: every persona calls both tools the same way, within 20 points."
            : "The panel splits on \(splitCount) of \(personas.count) personas."
    }

    /// One statement per kind of fact for both tools together: each statement is a hop to the
    /// database's thread and back, and those hops were a large part of an uncached page's cost.
    static func read(_ first: ToolRow, _ second: ToolRow, site: Site) async throws -> Comparison {
        let sql = site.database.sql
        let votes = VoteQueries(sql)
        let panels = try await StabilityQueries(sql).attach(to: PanelQueries(sql).latestPanels(toolIds: [first.id, second.id]))
        let counts = try await votes.toolCounts(toolIds: [first.id, second.id])
        func side(_ tool: ToolRow) async throws -> Side {
            Side(tool: tool, category: try await site.category(id: tool.categoryId), reviews: panels[tool.id] ?? [],
                 votes: counts[tool.id] ?? VoteCounts(ship: 0, skip: 0))
        }
        let (a, b) = (try await side(first), try await side(second))
        let personas = try await site.personas().map { persona in
            PersonaLine(persona: persona, a: a.reviews.first { $0.personaSlug == persona.slug }, b: b.reviews.first { $0.personaSlug == persona.slug })
        }
        return Comparison(
            a: a, b: b, personas: personas, headToHead: try await votes.matchupCounts(toolA: first.id, toolB: second.id),
            pick: try await PairwiseQueries(sql).verdict(first.id, second.id),
            related: try await relatedPairs(first, second, names: site.toolNames, catalog: CatalogQueries(sql), votes: votes))
    }

    static func isSplit(_ a: PanelReview?, _ b: PanelReview?) -> Bool {
        guard let a, let b else { return false }
        return a.verdict != b.verdict || abs(a.score - b.score) >= 20
    }

    /// The decision table: one row per question, one column per tool.
    var decisions: [Decision] {
        func row(_ question: String, _ fact: (Side) -> String) -> Decision { Decision(question: question, a: fact(a), b: fact(b)) }
        return [
            row("Panel verdict") { $0.panel.label },
            row("Average panel score") { $0.panel.averageScore.map { "\($0)/100" } ?? "–" },
            row("Community") { CommunityText.describe($0.votes) },
            row("Pricing") { $0.tool.pricing },
            row("Entry price") { "\($0.tool.pricingModel.label) · \($0.tool.entryPrice)" },
            row("Best for") { $0.tool.bestFor },
            row("Category") { $0.category?.name ?? "Uncategorised" },
        ]
    }

    /// Other comparisons with either tool inside its category, the most answered first, then the
    /// first tool's pairs before the second's, by name: (that tool, the other). Per tool it reads only
    /// its answered rivals and the first tools of its category (kept in `ToolNameLists`), so it
    /// costs the same at any catalog size.
    static func relatedPairs(_ a: ToolRow, _ b: ToolRow, names: ToolNameLists, catalog: CatalogQueries, votes: VoteQueries,
                             limit: Int = 8) async throws -> [(ToolName, ToolName)] {
        var candidates: [(pair: (ToolName, ToolName), answers: Int, group: Int, name: String)] = []
        for (group, tool) in [a, b].enumerated() {
            let answered = try await votes.answeredRivals(toolId: tool.id, categoryId: tool.categoryId, limit: limit + 2)
                .filter { $0.0 != a.id && $0.0 != b.id }
            let counts = Dictionary(answered, uniquingKeysWith: max)
            // Enough unanswered tools by name to fill the list even if every answered one ranks first.
            var others = Array(try await names.list(category: tool.categoryId, catalog: catalog).names.prefix(limit + 2 + answered.count))
            let missing = Set(counts.keys).subtracting(others.map(\.id))
            others += try await catalog.toolNames(ids: Array(missing))
            for other in others where other.id != a.id && other.id != b.id {
                candidates.append(((tool.nameOnly, other), counts[other.id] ?? 0, group, other.name))
            }
        }
        let ranked = candidates.sorted { ($1.answers, $0.group, $0.name) < ($0.answers, $1.group, $1.name) }
        return Array(ranked.prefix(limit).map(\.pair))
    }
}
