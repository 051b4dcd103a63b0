import VerdictsCore

/// `/compare/<a>-vs-<b>`: two cards, the decision table, the reviewer scorecard and related comparisons.
struct ComparisonView: PageView {
    /// Fields are `left`/`right`, not `a`/`b`: inside a row, Mustache would otherwise find these
    /// before the page's `a` and `b` tool cards that the template also reads there.
    struct Row: Sendable {
        let question: String
        let left: String
        let right: String
    }

    struct ScoreRow: Sendable {
        let persona: String
        let personaURL: String
        let left: ReviewView?
        let right: ReviewView?
        /// The panel splits on this persona: opposite calls, or scores 20+ points apart.
        let split: Bool
    }

    var meta: PageMeta
    let title: String
    let a: ToolCardView
    let b: ToolCardView
    let decisions: [Row]
    let scorecard: [ScoreRow]
    let splitCount: Int
    let agreement: String
    let related: [LinkView]
    let hasRelated: Bool
    let votes: [VoteFormView]
    let headToHead: HeadToHeadView?
    /// The panel's pick between the two, asked in both orders.
    let pick: PairwiseView?

    /// One statement per kind of fact for both tools together: each statement is a hop to the
    /// database's thread and back, and those hops were a large part of an uncached page's cost.
    static func load(_ first: ToolRow, _ second: ToolRow, voter: Voter?, site: Site) async throws -> ComparisonView {
        let catalog = CatalogQueries(site.database.sql)
        let voteQueries = VoteQueries(site.database.sql)
        let panels = try await StabilityQueries(site.database.sql).attach(
            to: PanelQueries(site.database.sql).latestPanels(toolIds: [first.id, second.id]))
        let (reviewsA, reviewsB) = (panels[first.id] ?? [], panels[second.id] ?? [])
        let counts = try await voteQueries.toolCounts(toolIds: [first.id, second.id])
        let countsA = counts[first.id] ?? VoteCounts(ship: 0, skip: 0), countsB = counts[second.id] ?? VoteCounts(ship: 0, skip: 0)
        let a = ToolCardView(tool: first, category: try await site.category(id: first.categoryId), panel: PanelSummary(reviewsA), votes: countsA)
        let b = ToolCardView(tool: second, category: try await site.category(id: second.categoryId), panel: PanelSummary(reviewsB), votes: countsB)
        let page = SiteURL.compare(first.slug, second.slug).path
        var forms: [VoteFormView] = []
        var headToHead: HeadToHeadView?
        if let voter {
            let csrf = site.signer.csrfToken(for: voter)
            let current = try await voteQueries.toolVotes(toolIds: [first.id, second.id], voter: voter.key)
            for (tool, counts) in [(first, countsA), (second, countsB)] {
                forms.append(VoteFormView(tool: tool, counts: counts, current: current[tool.id], csrf: csrf, returnTo: page + "#community"))
            }
            let tally = try await voteQueries.matchupCounts(toolA: first.id, toolB: second.id)
            headToHead = HeadToHeadView(
                action: page + "/answer", csrf: csrf, nameA: first.name, nameB: second.name,
                tally: HeadToHeadView.tally(tally, nameA: first.name, nameB: second.name))
        }
        let scorecard = try await site.personas().map { persona -> ScoreRow in
            let ra = reviewsA.first { $0.personaSlug == persona.slug }
            let rb = reviewsB.first { $0.personaSlug == persona.slug }
            return ScoreRow(persona: persona.name, personaURL: SiteURL.persona(persona.slug).path,
                            left: ra.map(ReviewView.init), right: rb.map(ReviewView.init), split: isSplit(ra, rb))
        }
        let splits = scorecard.filter(\.split).count
        let related = try await relatedPairs(first, second, names: site.toolNames, catalog: catalog, votes: voteQueries)
            .map { LinkView(label: "\($0.name) vs \($1.name)", url: SiteURL.compare($0.slug, $1.slug).path) }
        let pick = try await PairwiseView.load(first, second, site: site)
        var view = ComparisonView(
            meta: site.meta(
                title: "\(first.name) vs \(second.name): which should you ship with? — Verdicts",
                description: "\(first.name) (\(a.panelLabel)) or \(second.name) (\(b.panelLabel))? The AI reviewer panel, pricing and who each is best for, side by side.",
                path: SiteURL.compare(first.slug, second.slug).path, type: "article",
                structuredData: StructuredData.comparison(first, second, site: site)),
            title: "\(first.name) vs \(second.name)",
            a: a, b: b,
            decisions: decisionRows(a, b),
            scorecard: scorecard,
            splitCount: splits,
            agreement: agreement(splits: splits, personas: scorecard.count),
            related: related, hasRelated: !related.isEmpty, votes: forms, headToHead: headToHead,
            pick: pick)
        // Without scripts, a page following a pairwise run reloads itself until the pick is in.
        view.meta.refreshWithoutScript = pick?.live != nil
        return view
    }

    /// The panel splits on a persona when it calls the tools differently or scores them 20+ points apart.
    static func isSplit(_ a: PanelReview?, _ b: PanelReview?) -> Bool {
        guard let a, let b else { return false }
        return a.verdict != b.verdict || abs(a.score - b.score) >= 20
    }

    static func agreement(splits: Int, personas: Int) -> String {
        splits == 0
            ? "The panel agrees: every persona calls both tools the same way, within 20 points."
            : "The panel splits on \(splits) of \(personas) personas."
    }

    /// The decision table: one row per question, one column per tool (the page and the API share it).
    static func decisionRows(_ a: ToolCardView, _ b: ToolCardView) -> [Row] {
        [
            Row(question: "Panel verdict", left: a.panelLabel, right: b.panelLabel),
            Row(question: "Average panel score", left: a.averageScore, right: b.averageScore),
            Row(question: "Community", left: a.community, right: b.community),
            Row(question: "Pricing", left: a.pricing, right: b.pricing),
            Row(question: "Entry price", left: "\(a.pricingLabel) · \(a.entryPrice)", right: "\(b.pricingLabel) · \(b.entryPrice)"),
            Row(question: "Best for", left: a.bestFor, right: b.bestFor),
            Row(question: "Category", left: a.categoryName, right: b.categoryName),
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
