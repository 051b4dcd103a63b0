import Foundation

/// The values a set of fact texts states, normalised the way claims are, so that a claim is traced
/// by value ("200K" finds "200000 tokens") and never by a loose substring ("$3.5" is not "$3").
struct FactIndex: Sendable {
    private var prices: Set<Double> = []
    private var percents: Set<Double> = []
    private var days: Set<[Int]> = []
    private var months: Set<[Int]> = []
    private var years: Set<Int> = []
    private var quantities: Set<Double> = []
    private var versions: Set<String> = []

    init(texts: [String], numbers: [Double] = []) {
        for text in texts { add(text) }
        quantities.formUnion(numbers)
    }

    mutating func add(_ text: String) {
        quantities.formUnion(ClaimExtractor.wordNumbers(in: text))
        for mention in ClaimExtractor.mentions(in: text) {
            switch mention.value {
            case .price(let value): prices.insert(value)
            case .percent(let value): percents.insert(value)
            case .day(let year, let month, let day):
                days.insert([year, month, day])
                months.insert([year, month])
                years.insert(year)
            case .month(let year, let month):
                months.insert([year, month])
                years.insert(year)
            case .year(let year):
                years.insert(year)
                quantities.insert(Double(year))
            case .quantity(let value):
                quantities.insert(value)
                if value == value.rounded(), (1900...2099).contains(value) { years.insert(Int(value)) }
                addVersion(Self.format(value))
            case .version(let dotted, _):
                addVersion(dotted)
                if let value = Double(dotted) { quantities.insert(value) }
            case .literal: break
            }
        }
    }

    /// "2.0.1" also states "2" and "2.0": a review's "2.x" or "v2" is about the same release line.
    private mutating func addVersion(_ dotted: String) {
        let parts = dotted.split(separator: ".")
        for count in 1...max(1, parts.count) { versions.insert(parts.prefix(count).joined(separator: ".")) }
    }

    func supports(_ mention: Mention) -> Bool {
        switch mention.value {
        case .price(let value): return prices.contains(value)
        case .percent(let value): return percents.contains(value)
        case .day(let year, let month, let day): return days.contains([year, month, day])
        case .month(let year, let month): return months.contains([year, month])
        case .year(let year): return years.contains(year)
        case .quantity(let value): return quantities.contains(value) || versions.contains(Self.format(value))
        case .version(let dotted, _): return versions.contains(dotted)
        case .literal: return false
        }
    }

    /// 3.0 as "3", 0.4 as "0.4": how a number reads as a version.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
