import Foundation
import Testing
import VerdictsCore

@Suite("Ranking math")
struct RankingTests {
    @Test("Wilson intervals match known values and narrow with more votes")
    func wilson() {
        let small = WilsonInterval(successes: 3, total: 3)
        #expect(abs(small.lower - 0.4385) < 0.001 && small.upper == 1)
        let large = WilsonInterval(successes: 90, total: 100)
        #expect(abs(large.lower - 0.8256) < 0.001 && abs(large.upper - 0.9448) < 0.001)
        #expect(large.lower > small.lower, "90 of 100 outranks 3 of 3 by lower bound")
        #expect(WilsonInterval(successes: 0, total: 0).share == nil)
    }

    @Test("Bradley–Terry recovers known strengths from simulated matchups, within its intervals")
    func recoversStrengths() {
        let truth: [Int: Double] = [1: 1.0, 2: 0.4, 3: 0.0, 4: -0.5, 5: -0.9]
        var generator = SplitMix64(seed: 42)
        var matchups: [BradleyTerry.Matchup] = []
        let ids = truth.keys.sorted()
        for _ in 0..<300 {
            for (i, a) in ids.enumerated() {
                for b in ids.dropFirst(i + 1) {
                    let p = 1 / (1 + exp(truth[b]! - truth[a]!))
                    let roll = Double(generator.next() % 1_000_000) / 1_000_000
                    matchups.append(.init(a: a, b: b, scoreA: roll < p ? 1 : 0))
                }
            }
        }
        let ratings = BradleyTerry.rate(matchups, resamples: 100)
        let mean = truth.values.reduce(0, +) / Double(truth.count)
        #expect(ratings.map(\.id) == [1, 2, 3, 4, 5], "ranks in the true order")
        for rating in ratings {
            let expected = truth[rating.id]! - mean
            #expect(rating.lower <= expected && expected <= rating.upper,
                    "tool \(rating.id): \(expected) outside [\(rating.lower), \(rating.upper)]")
            #expect(abs(rating.strength - expected) < 0.2)
        }
    }

    @Test("a tool that only ever wins gets a finite strength")
    func undefeated() {
        let ratings = BradleyTerry.fit([.init(a: 1, b: 2, scoreA: 1), .init(a: 1, b: 2, scoreA: 1)])
        #expect(ratings[1]!.isFinite && ratings[1]! > ratings[2]!)
    }
}
