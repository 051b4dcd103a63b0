/// The panel's verdict on one tool, derived from the reviews of its latest complete run.
public struct PanelSummary: Sendable, Equatable {
    public let shipCount: Int
    public let skipCount: Int
    public let averageScore: Int?

    public init(_ reviews: [PanelReview]) {
        shipCount = reviews.filter { $0.verdict == .ship }.count
        skipCount = reviews.count - shipCount
        averageScore = reviews.isEmpty ? nil : Int((Double(reviews.map(\.score).reduce(0, +)) / Double(reviews.count)).rounded())
    }

    public var total: Int { shipCount + skipCount }

    /// Share of panelists who said ship, 0–100, or nil before any review.
    public var shipPercent: Int? {
        total == 0 ? nil : Int((Double(shipCount) * 100 / Double(total)).rounded())
    }

    /// Ship when at least half the panel says ship; a tie goes to ship because a split panel
    /// still found a case for it, and the reviews say where it fails.
    public var verdict: Verdict? {
        total == 0 ? nil : (shipCount * 2 >= total ? .ship : .skip)
    }

    /// "Ship · 4 ship / 0 skip"
    public var label: String {
        guard let verdict else { return "No panel verdict yet" }
        return "\(verdict == .ship ? "Ship" : "Skip") · \(shipCount) ship / \(skipCount) skip"
    }
}
