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
        let queries = PersonaQueries(site.database.sql)
        guard let persona = try await queries.persona(slug: slug) else { return nil }
        let history = try await queries.history(personaId: persona.id)
        let ships = history.filter { $0.verdict == .ship }.count
        let average = history.isEmpty ? 0 : history.map(\.score).reduce(0, +) / history.count
        let calls = try await ReliabilityQueries(site.database.sql).calibration().first { $0.personaSlug == persona.slug }
            ?? PersonaCalibration(personaSlug: persona.slug, personaName: persona.name, tools: 0, ships: 0)
        return PersonaView(
            meta: site.meta(
                title: "The \(persona.name): an AI reviewer persona — Verdicts",
                description: "\(persona.motto) What the \(persona.name) persona rewards, punishes, and every verdict it has given.",
                path: SiteURL.persona(persona.slug).path),
            name: persona.name, motto: persona.motto, rewards: persona.rewards, punishes: persona.punishes,
            rubric: persona.rubricQuestions, promptVersion: persona.promptVersion,
            distribution: distribution(history.map(\.score)),
            summary: history.isEmpty
                ? "No verdicts yet."
                : "\(history.count) verdicts: \(ships) ship, \(history.count - ships) skip; average score \(average)/100.",
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

    /// Scores in bands of 20, so the shape of a persona's judgement is visible at a glance.
    static let bands = [0...19, 20...39, 40...59, 60...79, 80...100]

    static func distribution(_ scores: [Int]) -> [Bucket] {
        let counts = bands.map { band in scores.filter { band.contains($0) }.count }
        let largest = max(1, counts.max() ?? 1)
        return zip(bands, counts).map { band, count in
            Bucket(label: "\(band.lowerBound)–\(band.upperBound)", count: count, percent: count * 100 / largest)
        }
    }
}
