import Foundation

/// Head-to-head answers ("which would you ship with?") fitted to a Bradley–Terry model:
/// P(i beats j) = σ(βᵢ − βⱼ). Fitted with Hunter's MM iterations on strengths πᵢ = e^βᵢ; a tie
/// counts as half a win each way. Bootstrap resampling of the answers gives 95% intervals.
public enum BradleyTerry {
    public struct Matchup: Sendable, Equatable {
        public var a: Int
        public var b: Int
        /// 1 when a won, 0 when b won, 0.5 for a tie.
        public var scoreA: Double

        public init(a: Int, b: Int, scoreA: Double) { (self.a, self.b, self.scoreA) = (a, b, scoreA) }
    }

    public struct Rating: Sendable, Equatable {
        public var id: Int
        /// βᵢ, centred so the mean over rated items is 0.
        public var strength: Double
        public var lower: Double
        public var upper: Double
        public var matchups: Int
    }

    /// Maximum-likelihood strengths (log scale, mean 0) for every id that appears in `matchups`.
    /// A small prior of one tie against a virtual average opponent keeps strengths finite for
    /// items that have only won or only lost.
    public static func fit(_ matchups: [Matchup], iterations: Int = 200, tolerance: Double = 1e-9) -> [Int: Double] {
        let ids = Array(Set(matchups.flatMap { [$0.a, $0.b] })).sorted()
        guard !ids.isEmpty else { return [:] }
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let n = ids.count
        var wins = [Double](repeating: 0.5, count: n)  // the prior's half win
        var games: [[Int: Double]] = Array(repeating: [:], count: n)
        for m in matchups {
            let i = index[m.a]!, j = index[m.b]!
            wins[i] += m.scoreA
            wins[j] += 1 - m.scoreA
            games[i][j, default: 0] += 1
            games[j][i, default: 0] += 1
        }
        var pi = [Double](repeating: 1, count: n)
        for _ in 0..<iterations {
            var next = pi
            for i in 0..<n {
                // The prior's game against a virtual opponent of strength 1.
                var denominator = 1 / (pi[i] + 1)
                for (j, count) in games[i] { denominator += count / (pi[i] + pi[j]) }
                next[i] = wins[i] / denominator
            }
            let geometricMean = exp(next.map { log($0) }.reduce(0, +) / Double(n))
            next = next.map { $0 / geometricMean }
            let change = zip(next, pi).map { abs(log($0) - log($1)) }.max() ?? 0
            pi = next
            if change < tolerance { break }
        }
        return Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, log(pi[$0])) })
    }

    /// Strengths with 95% percentile-bootstrap intervals; `seed` makes a run repeatable.
    public static func rate(_ matchups: [Matchup], resamples: Int = 200, seed: UInt64 = 0x5eed) -> [Rating] {
        let point = fit(matchups)
        guard !matchups.isEmpty else { return [] }
        var generator = SplitMix64(seed: seed)
        var samples: [Int: [Double]] = [:]
        for _ in 0..<resamples {
            let resample = (0..<matchups.count).map { _ in matchups[Int(generator.next() % UInt64(matchups.count))] }
            for (id, strength) in fit(resample, iterations: 100, tolerance: 1e-6) { samples[id, default: []].append(strength) }
        }
        var counts: [Int: Int] = [:]
        for m in matchups { counts[m.a, default: 0] += 1; counts[m.b, default: 0] += 1 }
        return point.map { id, strength in
            let sorted = (samples[id] ?? [strength]).sorted()
            let low = sorted[Int(Double(sorted.count - 1) * 0.025)], high = sorted[Int(Double(sorted.count - 1) * 0.975)]
            return Rating(id: id, strength: strength, lower: min(low, strength), upper: max(high, strength), matchups: counts[id] ?? 0)
        }
        .sorted { ($0.strength, $1.id) > ($1.strength, $0.id) }
    }
}

/// A small, fast, seedable generator so bootstrap intervals are the same on every instance.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
