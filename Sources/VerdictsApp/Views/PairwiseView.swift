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
    /// Set while a pairwise run is queued or being written.
    let pending: String?

    /// Reads the pair's pick and, when the page is opened and today's budget allows, queues a
    /// pairwise run for a pair that has none.
    static func load(_ first: ToolRow, _ second: ToolRow, site: Site) async throws -> PairwiseView? {
        let queries = PairwiseQueries(site.database.sql)
        if let backend = site.panelBackend {
            try await queries.request(first.id, second.id, backend: backend.name, model: backend.modelName, dailyBudget: backend.pairwiseDailyBudget)
        }
        let verdict = try await queries.verdict(first.id, second.id)
        let waiting = try await queries.pending(first.id, second.id) != nil
            ? "The panel is being asked which of the two it would ship with; its pick appears here when it is done." : nil
        guard let verdict else { return waiting.map { PairwiseView(label: "", rows: [], hasRows: false, pending: $0) } }
        let names = [first.id: first.name, second.id: second.name]
        let rows = verdict.picks.map { pick in
            let review = ReviewView.untracedNote(count: pick.claims.filter { !$0.supported }.count)
            return Row(
                persona: pick.personaName, personaURL: SiteURL.persona(pick.personaSlug).path,
                pick: pick.pick.flatMap { names[$0] } ?? "No clear pick (changed with the order)", consistent: pick.pick != nil,
                segments: ClaimSegments.split(pick.text, claims: pick.claims), untracedNote: review,
                provenance: "Written by \(pick.models.joined(separator: " and ")) · asked with each tool shown first · \(Provenance.day(pick.createdAt))")
        }
        return PairwiseView(label: verdict.label(names: names), rows: rows, hasRows: !rows.isEmpty, pending: waiting)
    }
}
