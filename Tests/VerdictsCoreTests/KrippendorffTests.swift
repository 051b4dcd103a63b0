import Foundation
import Testing
import VerdictsCore

@Suite("Krippendorff's alpha")
struct KrippendorffTests {
    /// The textbook definition, pair by pair: 1 − observed / expected disagreement over coincidences.
    static func reference(_ units: [[Double]], distance: (Double, Double) -> Double) -> Double? {
        let pairable = units.filter { $0.count >= 2 }
        let pooled = pairable.flatMap { $0 }
        let n = Double(pooled.count)
        var observed = 0.0
        for unit in pairable {
            var sum = 0.0
            for i in unit.indices { for j in unit.indices where i != j { sum += distance(unit[i], unit[j]) } }
            observed += sum / Double(unit.count - 1)
        }
        observed /= n
        var expected = 0.0
        for i in pooled.indices { for j in pooled.indices where i != j { expected += distance(pooled[i], pooled[j]) } }
        expected /= n * (n - 1)
        return expected == 0 ? nil : 1 - observed / expected
    }

    static func units(_ scores: [[Int]]) -> [Krippendorff.Unit] {
        scores.map { Krippendorff.Unit(scores: $0, ships: $0.filter { $0 >= 60 }.count) }
    }

    @Test("worked by hand: two tools of two reviews")
    func byHand() throws {
        // Scores (1, 2) and (3, 4): observed 1, expected 40/12, alpha 0.7.
        #expect(abs(try #require(Krippendorff.interval(Self.units([[1, 2], [3, 4]]))) - 0.7) < 1e-12)
        // Calls (ship, ship) and (ship, skip): observed and expected disagreement both 0.5.
        #expect(abs(try #require(Krippendorff.nominal(Self.units([[70, 80], [70, 30]])))) < 1e-12)
        #expect(Krippendorff.interval(Self.units([[70, 70], [70, 70]])) == nil, "no spread, no figure")
        #expect(Krippendorff.interval(Self.units([[70, 20, 90]])) == nil, "one tool is not enough")
    }

    @Test("the sums give the pairwise definition's figure on uneven panels")
    func matchesPairwise() throws {
        var generator = SplitMix64(seed: 18)
        for _ in 0..<20 {
            let panels = (0..<Int.random(in: 2...12, using: &generator)).map { _ in
                (0..<Int.random(in: 1...5, using: &generator)).map { _ in Int.random(in: 0...100, using: &generator) }
            }
            let units = Self.units(panels)
            let doubles = panels.map { $0.map(Double.init) }
            let calls = panels.map { $0.map { $0 >= 60 ? 1.0 : 0.0 } }
            let interval = Self.reference(doubles) { ($0 - $1) * ($0 - $1) }
            let nominal = Self.reference(calls) { $0 == $1 ? 0 : 1 }
            if panels.filter({ $0.count >= 2 }).count >= 2 { #expect((Krippendorff.interval(units) == nil) == (interval == nil)) }
            if let a = Krippendorff.interval(units), let b = interval { #expect(abs(a - b) < 1e-9, "\(panels)") }
            if let a = Krippendorff.nominal(units), let b = nominal { #expect(abs(a - b) < 1e-9, "\(panels)") }
        }
    }
}

