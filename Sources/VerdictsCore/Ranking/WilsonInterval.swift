import Foundation

/// The share of ship votes with its Wilson score interval (95%). With few votes the interval is
/// wide, so lists sort by its lower bound: three votes out of three does not outrank 90 of 100.
public struct WilsonInterval: Sendable, Equatable {
    public let successes: Int
    public let total: Int
    public let lower: Double
    public let upper: Double

    public static let z95 = 1.959963984540054

    public init(successes: Int, total: Int, z: Double = WilsonInterval.z95) {
        self.successes = successes
        self.total = total
        guard total > 0 else {
            (lower, upper) = (0, 0)
            return
        }
        let n = Double(total), p = Double(successes) / n, z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let margin = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / (1 + z2 / n)
        lower = max(0, centre - margin)
        upper = min(1, centre + margin)
    }

    /// The observed share, 0–1; nil before any vote.
    public var share: Double? { total == 0 ? nil : Double(successes) / Double(total) }
}
