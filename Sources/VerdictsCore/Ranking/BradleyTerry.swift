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
        let graph = Graph(matchups)
        let weights = [Double](repeating: 1, count: matchups.count)
        let strengths = graph.fit(weights: weights, iterations: iterations, tolerance: tolerance)
        return Dictionary(uniqueKeysWithValues: graph.ids.enumerated().map { ($1, strengths[$0]) })
    }

    /// Strengths with 95% percentile-bootstrap intervals; `seed` makes a run repeatable.
    public static func rate(_ matchups: [Matchup], resamples: Int = 200, seed: UInt64 = 0x5eed) -> [Rating] {
        guard !matchups.isEmpty else { return [] }
        let graph = Graph(matchups)
        let point = graph.fit(weights: [Double](repeating: 1, count: matchups.count), iterations: 200, tolerance: 1e-9)
        let start = point.map { exp($0) }
        var generator = SplitMix64(seed: seed)
        // samples[item * resamples + r]: one flat array, not 100,000 small ones.
        // Floats: the intervals need no more digits, and 100,000 tools × 100 resamples is 40 MB, not 80.
        var samples = [Float](repeating: 0, count: graph.ids.count * max(resamples, 0))
        var weights = [Double](repeating: 0, count: matchups.count)
        for r in 0..<max(resamples, 0) {
            // Drawing n answers with replacement is the same as weighting each answer by how often it was drawn.
            for k in weights.indices { weights[k] = 0 }
            for _ in 0..<matchups.count { weights[Int(generator.next() % UInt64(matchups.count))] += 1 }
            // Starting from the point estimate, a resample (a small perturbation of it) converges in a few iterations.
            let strengths = graph.fit(weights: weights, iterations: 100, tolerance: 1e-6, start: start)
            for item in strengths.indices { samples[item * resamples + r] = Float(strengths[item]) }
        }
        return graph.ids.indices.map { item in
            let strength = point[item]
            let sorted = resamples > 0 ? samples[(item * resamples)..<((item + 1) * resamples)].sorted() : [Float(strength)]
            let low = Double(sorted[Int(Double(sorted.count - 1) * 0.025)]), high = Double(sorted[Int(Double(sorted.count - 1) * 0.975)])
            return Rating(id: graph.ids[item], strength: strength, lower: min(low, strength), upper: max(high, strength),
                          matchups: graph.appearances[item])
        }
        .sorted { ($0.strength, $1.id) > ($1.strength, $0.id) }
    }

    /// How many bootstrap resamples fit in a budget of work, so a site with 200,000 answers refits in
    /// seconds rather than hours: 200 for small sites, never fewer than 20.
    public static func resamples(forAnswers answers: Int, budget: Int = 40_000_000) -> Int {
        min(200, max(20, budget / max(1, answers)))
    }

    /// The answers as a graph in flat arrays: each item's games are a slice of `neighbours`.
    struct Graph {
        let ids: [Int]
        let appearances: [Int]
        /// For answer k: the two items' indexes and a's score.
        let left: [Int], right: [Int], scoreA: [Double]

        init(_ matchups: [Matchup]) {
            ids = Array(Set(matchups.flatMap { [$0.a, $0.b] })).sorted()
            let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
            left = matchups.map { index[$0.a]! }
            right = matchups.map { index[$0.b]! }
            scoreA = matchups.map(\.scoreA)
            var counts = [Int](repeating: 0, count: ids.count)
            for k in left.indices { counts[left[k]] += 1; counts[right[k]] += 1 }
            appearances = counts
        }

        /// Hunter's MM iterations with each answer counted `weights[k]` times; log strengths, mean 0.
        func fit(weights: [Double], iterations: Int, tolerance: Double, start: [Double]? = nil) -> [Double] {
            let n = ids.count
            var wins = [Double](repeating: 0.5, count: n)  // the prior's half win
            for k in left.indices where weights[k] > 0 {
                wins[left[k]] += weights[k] * scoreA[k]
                wins[right[k]] += weights[k] * (1 - scoreA[k])
            }
            var pi = start ?? [Double](repeating: 1, count: n)
            var denominator = [Double](repeating: 0, count: n)
            for _ in 0..<iterations {
                // The prior's game against a virtual opponent of strength 1.
                for i in 0..<n { denominator[i] = 1 / (pi[i] + 1) }
                for k in left.indices where weights[k] > 0 {
                    let share = weights[k] / (pi[left[k]] + pi[right[k]])
                    denominator[left[k]] += share
                    denominator[right[k]] += share
                }
                var logSum = 0.0
                var next = pi
                for i in 0..<n {
                    next[i] = wins[i] / denominator[i]
                    logSum += log(next[i])
                }
                let geometricMean = exp(logSum / Double(n))
                // The largest relative step, |πᵢ'/πᵢ − 1|, which is |Δ log πᵢ| to first order, without two logs per item.
                var change = 0.0
                for i in 0..<n {
                    next[i] /= geometricMean
                    change = max(change, abs(next[i] / pi[i] - 1))
                }
                pi = next
                if change < tolerance { break }
            }
            return pi.map { log($0) }
        }
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
