import VerdictsCore

/// `/personas/<slug>`: who the persona is, what it rewards and punishes, how it scores, and every
/// verdict it has given.
struct PersonaView: PageView {
    struct Bucket: Sendable {
        let label: String
        let count: Int
        let percent: Int
    }

    struct Entry: Sendable {
        let toolName: String
        let toolURL: String
        let score: Int
        let isShip: Bool
        let provenance: String
    }

    var meta: PageMeta
    let name: String
    let motto: String
    let rewards: String
    let punishes: String
    let rubric: [String]
    let promptVersion: Int
    let distribution: [Bucket]
    let summary: String
    /// Its calls over today's panel verdicts, and the flag when they are nearly all one way.
    let calibration: String
    let calibrationFlag: String?
    let history: [Entry]
    let hasHistory: Bool

    static func load(slug: String, site: Site) async throws -> PersonaView? {
        guard let reading = try await PersonaReading.read(slug: slug, site: site) else { return nil }
        let (persona, history, ships) = (reading.persona, reading.history, reading.ships)
        // Page only: the calibration line, from today's panel verdicts of every persona.
        let calls = try await ReliabilityQueries(site.database.sql).calibration().first { $0.personaSlug == persona.slug }
            ?? PersonaCalibration(personaSlug: persona.slug, personaName: persona.name, tools: 0, ships: 0)
        return PersonaView(
            meta: site.meta(
                title: "The \(persona.name): an AI reviewer persona — Verdicts",
                description: "\(persona.motto) What the \(persona.name) persona rewards, punishes, and every verdict it has given.",
                path: SiteURL.persona(persona.slug).path),
            name: persona.name, motto: persona.motto, rewards: persona.rewards, punishes: persona.punishes,
            rubric: persona.rubricQuestions, promptVersion: persona.promptVersion,
            distribution: buckets(reading.distribution),
            summary: history.isEmpty
                ? "No verdicts yet."
                : "\(history.count) verdicts: \(ships) ship, \(history.count - ships) skip; average score \(reading.averageScore)/100.",
            calibration: calls.tools == 0 ? "It is in no panel verdict yet."
                : "In today's panel verdicts it says ship to \(calls.ships) of \(calls.tools) tools (\(Int((calls.shipShare * 100).rounded()))%).",
            calibrationFlag: calls.isFlagged ? MethodologyView.flagNote(calls) : nil,
            history: history.map { verdict in
                Entry(toolName: verdict.toolName, toolURL: SiteURL.tool(verdict.toolSlug).path, score: verdict.score,
                      isShip: verdict.verdict == .ship,
                      provenance: Provenance.describe(source: verdict.source, model: verdict.model,
                                                      promptVersion: verdict.promptVersion, at: verdict.createdAt))
            },
            hasHistory: !history.isEmpty)
    }

    /// Each band as a bar, as wide as its share of the largest band.
    static func buckets(_ bands: [PersonaReading.Band]) -> [Bucket] {
        let largest = max(1, bands.map(\.count).max() ?? 1)
        return bands.map { Bucket(label: "\($0.scores.lowerBound)–\($0.scores.upperBound)", count: $0.count, percent: $0.count * 100 / largest) }
    }
}
