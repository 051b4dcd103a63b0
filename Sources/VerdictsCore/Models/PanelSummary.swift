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

    /// The majority's call; a tie is a split, since "ship" from half a panel tells a reader nothing.
    public var verdict: PanelCall? {
        guard total > 0 else { return nil }
        return shipCount == skipCount ? .split : (shipCount > skipCount ? .ship : .skip)
    }

    /// "Ship · 4 ship / 0 skip", "Split · 2 ship / 2 skip"
    public var label: String {
        guard let verdict else { return "No panel verdict yet" }
        return "\(verdict.rawValue.capitalized) · \(shipCount) ship / \(skipCount) skip"
    }
}
