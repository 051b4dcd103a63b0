import VerdictsCore

/// A persona, whichever way it is shown: who it is, every verdict it has given, and the rules that
/// summarise them (the score bands, ship count, average). The persona page (`PersonaView`) and the
/// API document are both built from this value.
struct PersonaReading: Sendable {
    struct Band: Sendable {
        let scores: ClosedRange<Int>
        let count: Int
    }

    let persona: PersonaRow
    /// Newest first, at most 500.
    let history: [PersonaVerdict]

    /// Scores in bands of 20, so the shape of a persona's judgement is visible at a glance.
    static let bands = [0...19, 20...39, 40...59, 60...79, 80...100]

    static func read(slug: String, site: Site) async throws -> PersonaReading? {
        let queries = PersonaQueries(site.database.sql)
        guard let persona = try await queries.persona(slug: slug) else { return nil }
        return PersonaReading(persona: persona, history: try await queries.history(personaId: persona.id))
    }

    var distribution: [Band] {
        Self.bands.map { band in Band(scores: band, count: history.filter { band.contains($0.score) }.count) }
    }

    var ships: Int { history.filter { $0.verdict == .ship }.count }

    /// The whole-number average score, 0 before any verdict.
    var averageScore: Int { history.isEmpty ? 0 : history.map(\.score).reduce(0, +) / history.count }
}
