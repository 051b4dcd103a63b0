/// Krippendorff's alpha: how much the panel's personas agree beyond what their overall spread of
/// scores (or calls) would give by chance. 1 is perfect agreement, 0 is chance, below 0 is
/// systematic disagreement. Each tool is a unit and each persona a coder; a tool counts once two or
/// more personas reviewed it.
///
/// Worked from each unit's sums rather than from every pair of values, which is exact for the two
/// metrics used here: interval (squared differences of scores) and nominal on two values (ship or
/// skip), so the whole catalog's figure is one pass over per-tool totals the database adds up.
public enum Krippendorff {
    /// One tool's reviews, summed.
    public struct Unit: Sendable, Equatable {
        public var count: Int
        public var scoreSum: Double
        public var scoreSquares: Double
        public var ships: Int

        public init(count: Int, scoreSum: Double, scoreSquares: Double, ships: Int) {
            (self.count, self.scoreSum, self.scoreSquares, self.ships) = (count, scoreSum, scoreSquares, ships)
        }

        public init(scores: [Int], ships: Int) {
            self.init(count: scores.count, scoreSum: Double(scores.reduce(0, +)),
                      scoreSquares: Double(scores.map { $0 * $0 }.reduce(0, +)), ships: ships)
        }
    }

    /// Alpha on scores with the interval metric; nil when fewer than two units are pairable or
    /// every score is the same (no spread to agree about).
    public static func interval(_ units: [Unit]) -> Double? {
        alpha(units) { unit in
            // Σ over ordered pairs (a − b)² = 2(m·Σx² − (Σx)²)
            2 * (Double(unit.count) * unit.scoreSquares - unit.scoreSum * unit.scoreSum)
        }
    }

    /// Alpha on ship/skip calls with the nominal metric.
    public static func nominal(_ units: [Unit]) -> Double? {
        alpha(units) { unit in
            // ordered pairs that differ: 2·ships·skips
            2 * Double(unit.ships) * Double(unit.count - unit.ships)
        }
    }

    /// `disagreement` gives a unit's summed distance over its ordered pairs of values; applied to
    /// all pairable values pooled, it gives the expected disagreement.
    private static func alpha(_ units: [Unit], disagreement: (Unit) -> Double) -> Double? {
        let pairable = units.filter { $0.count >= 2 }
        guard pairable.count >= 2 else { return nil }
        let pooled = Unit(
            count: pairable.map(\.count).reduce(0, +), scoreSum: pairable.map(\.scoreSum).reduce(0, +),
            scoreSquares: pairable.map(\.scoreSquares).reduce(0, +), ships: pairable.map(\.ships).reduce(0, +))
        let n = Double(pooled.count)
        let observed = pairable.map { disagreement($0) / Double($0.count - 1) }.reduce(0, +) / n
        let expected = disagreement(pooled) / (n * (n - 1))
        guard expected > 0 else { return nil }
        return 1 - observed / expected
    }
}
