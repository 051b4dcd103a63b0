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

    /// The page's model of a comparison read once (`Comparison.read`), with this reader's vote forms.
    static func load(_ first: ToolRow, _ second: ToolRow, voter: Voter?, site: Site) async throws -> ComparisonView {
        let comparison = try await Comparison.read(first, second, site: site)
        let a = ToolCardView(tool: first, category: comparison.a.category, panel: comparison.a.panel, votes: comparison.a.votes)
        let b = ToolCardView(tool: second, category: comparison.b.category, panel: comparison.b.panel, votes: comparison.b.votes)
        let page = SiteURL.compare(first.slug, second.slug).path
        var forms: [VoteFormView] = []
        var headToHead: HeadToHeadView?
        if let voter {
            let csrf = site.signer.csrfToken(for: voter)
            let current = try await VoteQueries(site.database.sql).toolVotes(toolIds: [first.id, second.id], voter: voter.key)
            for side in [comparison.a, comparison.b] {
                forms.append(VoteFormView(tool: side.tool, counts: side.votes, current: current[side.tool.id], csrf: csrf, returnTo: SiteURL.compare(first.slug, second.slug).anchor("community")))
            }
            headToHead = HeadToHeadView(
                action: SiteURL.answer(first.slug, second.slug).path, csrf: csrf, nameA: first.name, nameB: second.name,
                tally: HeadToHeadView.tally(comparison.headToHead, nameA: first.name, nameB: second.name))
        }
        let scorecard = comparison.personas.map { line in
            ScoreRow(persona: line.persona.name, personaURL: SiteURL.persona(line.persona.slug).path,
                     left: line.a.map(ReviewView.init), right: line.b.map(ReviewView.init), split: line.split)
        }
        let related = comparison.related.map { LinkView(label: "\($0.name) vs \($1.name)", url: SiteURL.compare($0.slug, $1.slug).path) }
        let pick = try await PairwiseView.load(first, second, verdict: comparison.pick, site: site)
        var view = ComparisonView(
            meta: site.meta(
                title: "\(comparison.title): which should you ship with? — Verdicts",
                description: "\(first.name) (\(a.panelLabel)) or \(second.name) (\(b.panelLabel))? The AI reviewer panel, pricing and who each is best for, side by side.",
                path: page, type: "article",
                structuredData: StructuredData.comparison(first, second, site: site)),
            title: comparison.title,
            a: a, b: b,
            decisions: comparison.decisions.map { Row(question: $0.question, left: $0.a, right: $0.b) },
            scorecard: scorecard,
            splitCount: comparison.splitCount,
            agreement: comparison.agreement,
            related: related, hasRelated: !related.isEmpty, votes: forms, headToHead: headToHead,
            pick: pick)
        // Without scripts, a page following a pairwise run reloads itself until the pick is in.
        view.meta.refreshWithoutScript = pick?.live != nil
        return view
    }
}
