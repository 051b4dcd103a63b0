import VerdictsCore

/// The panel's order-checked pick on a comparison page: each persona asked "which would you ship
/// with" with the tools in both orders, counted only when both answers agree.
struct PairwiseView: Sendable {
    struct Row: Sendable {
        let persona: String
        let personaURL: String
        let pick: String
        let consistent: Bool
        let segments: [ClaimSegment]
        let untracedNote: String?
        let provenance: String
    }

    let label: String
    let rows: [Row]
    let hasRows: Bool
    /// A pairwise run queued or being written, followed live.
    let live: LivePairwiseView?

    /// Shows the pair's pick (as `Comparison.read` found it) and, when the page is opened and
    /// today's budget allows, queues a pairwise run for a pair that has none.
    static func load(_ first: ToolRow, _ second: ToolRow, verdict: PairwiseVerdict?, site: Site) async throws -> PairwiseView? {
        if let backend = site.panelBackend {
            try await PairwiseQueries(site.database.sql).request(
                first.id, second.id, backend: backend.name, model: backend.modelName, dailyBudget: backend.pairwiseDailyBudget, now: site.clock.now)
        }
        let live = try await LivePairwiseView.load(first, second, site: site)
        guard let verdict else { return live.map { PairwiseView(label: "", rows: [], hasRows: false, live: $0) } }
        let names = [first.id: first.name, second.id: second.name]
        let rows = verdict.picks.map { pick in
            let review = ReviewView.untracedNote(count: pick.claims.filter { !$0.supported }.count)
            return Row(
                persona: pick.personaName, personaURL: SiteURL.persona(pick.personaSlug).path,
                pick: pick.pick.flatMap { names[$0] } ?? "No clear pick (changed with the order)", consistent: pick.pick != nil,
                segments: ClaimSegments.split(pick.text, claims: pick.claims), untracedNote: review,
                provenance: "Written by \(pick.models.joined(separator: " and ")) · asked with each tool shown first · \(Provenance.day(pick.createdAt))")
        }
        return PairwiseView(label: verdict.label(names: names), rows: rows, hasRows: !rows.isEmpty, live: live)
    }
}

/// The pair's pairwise run while it is queued or written: one slot per persona and order, filled
/// from the stored answers and drafts, then kept up to date by the page's script.
struct LivePairwiseView: Sendable {
    let streamURL: String
    let heading = "The panel is being asked which of the two it would ship with"
    let status: String
    let slots: [LivePanelView.Slot]

    static func load(_ first: ToolRow, _ second: ToolRow, site: Site) async throws -> LivePairwiseView? {
        let queries = PairwiseQueries(site.database.sql)
        guard let run = try await queries.pending(first.id, second.id) else { return nil }
        let answers = try await queries.answers(runId: run.id)
        let drafts = try await queries.drafts(runId: run.id)
        let personas = try await CatalogQueries(site.database.sql).personas().filter(\.active)
        let names = [first.id: first.name, second.id: second.name]
        let slots = personas.flatMap { persona in
            [(first, second), (second, first)].map { shown, other in
                let slug = LivePairwiseRun.slot(persona: persona.slug, firstToolSlug: shown.slug)
                let name = "\(persona.name), with \(shown.name) shown first"
                if let answer = answers.first(where: { $0.personaSlug == persona.slug && $0.firstTool == shown.id }) {
                    return LivePanelView.Slot(slug: slug, name: name, text: answer.text, state: "Picks \(names[answer.pick] ?? other.name)")
                }
                let draft = drafts.first { $0.personaSlug == persona.slug && $0.firstTool == shown.id }
                return LivePanelView.Slot(slug: slug, name: name, text: draft?.text ?? "", state: draft == nil ? "Waiting" : "Writing…")
            }
        }
        return LivePairwiseView(streamURL: SiteURL.pairwiseLive(first.slug, second.slug).path,
                                status: LivePairwiseRun.describe(run), slots: slots)
    }
}
