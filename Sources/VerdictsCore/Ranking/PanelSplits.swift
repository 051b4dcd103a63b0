/// Where the panel disagrees: tools with both ship and skip calls, most evenly divided first, then
/// with the widest spread of scores. Home and the weekly digest show the top of this list.
public struct PanelSplit: Sendable {
    public let toolId: Int
    public let summary: PanelSummary
    /// Highest score minus lowest, in points.
    public let spread: Int

    public static func closest(_ panels: [Int: [PanelReview]], names: [Int: String], limit: Int) -> [PanelSplit] {
        panels.compactMap { toolId, reviews -> PanelSplit? in
            let summary = PanelSummary(reviews)
            guard summary.shipCount > 0, summary.skipCount > 0 else { return nil }
            let scores = reviews.map(\.score)
            return PanelSplit(toolId: toolId, summary: summary, spread: (scores.max() ?? 0) - (scores.min() ?? 0))
        }
        .sorted {
            (abs($0.summary.shipCount - $0.summary.skipCount), -$0.spread, names[$0.toolId] ?? "")
                < (abs($1.summary.shipCount - $1.summary.skipCount), -$1.spread, names[$1.toolId] ?? "")
        }
        .prefix(limit).map { $0 }
    }

    /// "Ship · 2 ship / 2 skip, scores 40 points apart"
    public var label: String { "\(summary.label), scores \(spread) points apart" }
}
