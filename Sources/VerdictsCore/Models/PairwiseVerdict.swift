import Foundation

/// The panel's pick between two tools, with position bias controlled: a persona's pick counts
/// only when it chose the same tool with the tools shown in both orders.
public struct PairwiseVerdict: Sendable, Equatable {
    public struct Answer: Decodable, Sendable, Equatable {
        public var personaSlug: String
        public var personaName: String
        public var firstTool: Int
        public var pick: Int
        public var text: String
        public var model: String?
        public var claims: String
        public var createdAt: Date
    }

    public struct PersonaPick: Sendable, Equatable {
        public var personaSlug: String
        public var personaName: String
        /// The tool id both orders chose; nil when the order changed the answer (or one is missing).
        public var pick: Int?
        /// The answer given with the tools in the page's order, or the other one.
        public var text: String
        public var claims: [Claim]
        public var models: [String]
        public var createdAt: Date
    }

    public let run: PairwiseRunRow
    public let picks: [PersonaPick]

    public init(run: PairwiseRunRow, answers: [Answer]) {
        self.run = run
        var order: [String] = []
        var byPersona: [String: [Answer]] = [:]
        for answer in answers {
            if byPersona[answer.personaSlug] == nil { order.append(answer.personaSlug) }
            byPersona[answer.personaSlug, default: []].append(answer)
        }
        picks = order.compactMap { slug in
            guard let mine = byPersona[slug], let shown = mine.first(where: { $0.firstTool == run.toolA }) ?? mine.first else { return nil }
            let agreed = mine.count == 2 && mine[0].pick == mine[1].pick ? mine[0].pick : nil
            return PersonaPick(personaSlug: slug, personaName: shown.personaName, pick: agreed, text: shown.text,
                               claims: Claim.decode(shown.claims), models: Array(Set(mine.compactMap(\.model))).sorted(), createdAt: shown.createdAt)
        }
    }

    /// How many personas picked each tool consistently.
    public func count(for toolId: Int) -> Int { picks.filter { $0.pick == toolId }.count }
    public var unclear: Int { picks.filter { $0.pick == nil }.count }

    /// The tool more personas picked in both orders; nil for a tie (or no consistent pick).
    public var winner: Int? {
        let (a, b) = (count(for: run.toolA), count(for: run.toolB))
        return a == b ? nil : (a > b ? run.toolA : run.toolB)
    }

    /// "The panel picks Cursor: 3 of 4 personas chose it with the tools in either order; 1 changed its answer with the order."
    public func label(names: [Int: String]) -> String {
        let total = picks.count
        let changed = unclear == 0 ? "" : "; \(unclear) changed \(unclear == 1 ? "its answer" : "their answers") with the order"
        guard let winner = winner else {
            let (a, b) = (count(for: run.toolA), count(for: run.toolB))
            return a + b == 0 ? "No clear pick: every persona changed its answer when the order changed."
                : "Split: \(a) of \(total) personas picked \(names[run.toolA] ?? "one") and \(b) picked \(names[run.toolB] ?? "the other")\(changed)."
        }
        return "The panel picks \(names[winner] ?? "one"): \(count(for: winner)) of \(total) personas chose it with the tools in either order\(changed)."
    }
}
