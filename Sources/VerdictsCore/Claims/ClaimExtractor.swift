import Foundation

/// One number-like thing found in a text, with the value it stands for once the obvious ways of
/// writing it are normalised ("$3 / 1M" and "$3 per million" are both the price 3; "200K" and
/// "200,000" both 200,000; "May 2025" is a month that "2025-05-22" falls in).
struct Mention: Sendable {
    var range: Range<String.Index>
    var text: String
    /// Nil for a name with a number in it ("GPT-4o", "H100"): taken so that its digits are not read
    /// as a number, but a product's name is not a claim.
    var kind: ClaimKind?
    var value: ClaimValue
}

enum ClaimValue: Hashable, Sendable {
    case price(Double)
    case percent(Double)
    case day(Int, Int, Int)
    case month(Int, Int)
    case year(Int)
    case quantity(Double)
    /// A dotted version without its wildcard: "2.x" is "2", "v0.4" is "0.4".
    case version(String, wildcard: Bool)
    /// A name, which is never traced (see `Mention.kind`).
    case literal(String)
}

/// Finds the claims in a text. Patterns run from the most specific to the least, and a later one
/// never takes text an earlier one took, so "$3 / 1M" is one price rather than a price and a size.
/// Numbers written as words are not claims (a review saying "ten minutes" echoes the rubric).
enum ClaimExtractor {
    static func mentions(in text: String) -> [Mention] {
        var taken: [Range<String.Index>] = []
        var found: [Mention] = []
        let whole = NSRange(text.startIndex..., in: text)
        for pattern in patterns {
            for match in pattern.regex.matches(in: text, range: whole) {
                guard let range = Range(match.range, in: text), !taken.contains(where: { $0.overlaps(range) }) else { continue }
                let groups = (0..<match.numberOfRanges).map { index -> String? in
                    Range(match.range(at: index), in: text).map { String(text[$0]) }
                }
                guard let (kind, value) = pattern.read(groups) else { continue }
                taken.append(range)
                found.append(Mention(range: range, text: String(text[range]), kind: kind, value: value))
            }
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Numbers written as words, which count in the facts (a rubric's "twelve months" traces a
    /// review's "12 months") though not as claims.
    static func wordNumbers(in text: String) -> [Double] {
        let whole = NSRange(text.startIndex..., in: text)
        return wordNumberRegex.matches(in: text, range: whole).compactMap { match in
            Range(match.range, in: text).flatMap { numberWords[text[$0].lowercased()] }
        }
    }

    private struct Pattern: @unchecked Sendable {
        let regex: NSRegularExpression
        let read: ([String?]) -> (ClaimKind?, ClaimValue)?

        init(_ pattern: String, _ read: @escaping ([String?]) -> (ClaimKind?, ClaimValue)?) {
            // The patterns are constants of this file; a typo is a programming error.
            regex = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
            self.read = read
        }
    }

    private static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]
    private static let monthPattern =
        "(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"

    static func month(_ name: String?) -> Int? {
        guard let name = name?.lowercased() else { return nil }
        return monthNames.firstIndex { $0.hasPrefix(name) }.map { $0 + 1 }
    }

    static func number(_ text: String?) -> Double? {
        text.flatMap { Double($0.replacingOccurrences(of: ",", with: "")) }
    }

    static func multiplier(_ suffix: String?) -> Double {
        switch suffix?.lowercased() {
        case "k", "thousand": 1e3
        case "m", "million": 1e6
        case "b", "bn", "billion": 1e9
        case "t", "trillion": 1e12
        default: 1
        }
    }

    private static func day(_ year: String?, _ month: Int?, _ day: String?) -> (ClaimKind, ClaimValue)? {
        guard let year = year.flatMap({ Int($0) }), let month, (1...12).contains(month),
            let day = day.flatMap({ Int($0) }), (1...31).contains(day)
        else { return nil }
        return (.date, .day(year, month, day))
    }

    private static let perUnit =
        #"(?:\s*(?:/|per|a|an)\s*(?:1\s?[mk]\b|1,000,000\b|1,000\b|million\b|thousand\b|(?:month|mo|user|seat|year|yr|hour|hr|day|request|image|minute|min|call|page|query|gb|tb)s?\b)(?:\s+(?:input|output))?(?:\s+tokens?\b)?)?"#
    private static let amount = #"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"#
    private static let scale = #"(thousand|million|billion|trillion|bn|k|m|b|t)"#

    private static let patterns: [Pattern] = [
        Pattern(#"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"#) { day($0[1], Int($0[2] ?? ""), $0[3]) },
        Pattern(#"\b(\d{1,2})(?:st|nd|rd|th)?\s+"# + monthPattern + #"\.?,?\s+(\d{4})\b"#) { day($0[3], month($0[2]), $0[1]) },
        Pattern("\\b" + monthPattern + #"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"#) { day($0[3], month($0[1]), $0[2]) },
        Pattern("\\b" + monthPattern + #"\.?,?\s+(?:of\s+)?(\d{4})\b"#) { groups in
            guard let month = month(groups[1]), let year = Int(groups[2] ?? "") else { return nil }
            return (.date, .month(year, month))
        },
        Pattern(#"\b(\d{4})-(\d{2})\b(?!-)"#) { groups in
            guard let year = Int(groups[1] ?? ""), let month = Int(groups[2] ?? ""), (1...12).contains(month) else { return nil }
            return (.date, .month(year, month))
        },
        Pattern(#"(?:\bUS\s?)?[$€£]\s?"# + amount + #"(?:\s?"# + scale + #"\b)?"# + perUnit) { groups in
            number(groups[1]).map { (.price, .price($0 * multiplier(groups[2]))) }
        },
        Pattern(#"\b"# + amount + #"\s?(usd|eur|gbp|dollars?|euros?|cents?)\b"# + perUnit) { groups in
            number(groups[1]).map { (.price, .price(groups[2]?.lowercased().hasPrefix("cent") == true ? $0 / 100 : $0)) }
        },
        Pattern(#"\b(\d+(?:\.\d+)?)\s?(?:%|percent\b|per\s?cent\b)"#) { groups in number(groups[1]).map { (.percent, .percent($0)) } },
        Pattern(#"\b(?:v|version\s+|release\s+)(\d+(?:\.\d+)*)(\.x)?\b"#) { groups in
            groups[1].map { (.version, .version($0, wildcard: groups[2] != nil)) }
        },
        Pattern(#"\b(\d+(?:\.\d+)*)\.x\b"#) { groups in groups[1].map { (.version, .version($0, wildcard: true)) } },
        Pattern(#"\b\d+\.\d+\.\d+(?:\.\d+)*\b"#) { groups in groups[0].map { (.version, .version($0, wildcard: false)) } },
        Pattern(#"\b"# + amount + #"\s?"# + scale + #"\b(?:[\s-]+(?:tokens?|parameters?|params|words|characters|requests|users|stars|downloads|developers|customers))?"#) { groups in
            number(groups[1]).map { (.size, .quantity($0 * multiplier(groups[2]))) }
        },
        Pattern(#"\b"# + amount + #"\s?-?\s?(?:tokens?|parameters?|params)\b"#) { groups in number(groups[1]).map { (.size, .quantity($0)) } },
        Pattern(#"\b(\d+)(?:st|nd|rd|th)\b"#) { groups in number(groups[1]).map { (.number, .quantity($0)) } },
        // Sizes glued to their unit ("250GB") and image sizes ("672x672", the same on both sides as w × h).
        Pattern(#"(?<![\w.-])"# + amount + #"(gb|tb|mb|kb|gib|mib|tib|ms|px|fps|ghz|mhz)\b"#) { groups in
            number(groups[1]).map { (.size, .quantity($0)) }
        },
        Pattern(#"(?<![\w.-])(\d+)x(\d+)\b"#) { groups in
            guard let width = number(groups[1]), let height = number(groups[2]) else { return nil }
            return (.size, .quantity(width * height))
        },
        // A number joined to its unit ("24-hour", "4-bit"), but not a number inside a name ("gpt-4-turbo").
        Pattern(#"(?<![\w.-])"# + amount + #"(?=-[a-z])"#) { groups in number(groups[1]).map { (.number, .quantity($0)) } },
        // Names with numbers in them ("GPT-4o", "o3", "H100"): letters and digits in one token.
        Pattern(#"\b[a-z0-9]+(?:[.\-][a-z0-9]+)*\b"#) { groups in
            guard let token = groups[0], token.contains(where: \.isLetter), token.contains(where: \.isNumber) else { return nil }
            return (nil, .literal(token.lowercased()))
        },
        Pattern(#"\b(1[89]\d{2}|20\d{2})\b(?![.,]\d)"#) { groups in groups[1].flatMap { Int($0) }.map { (.year, .year($0)) } },
        Pattern(#"\b\d+\.\d+\b"#) { groups in number(groups[0]).map { (.number, .quantity($0)) } },
        Pattern(#"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b"#) { groups in number(groups[0]).map { (.number, .quantity($0)) } },
    ]

    private static let numberWords: [String: Double] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
        "dozen": 12, "tenfold": 10,
    ]
    private static let wordNumberRegex = try! NSRegularExpression(
        pattern: "\\b(" + numberWords.keys.sorted().joined(separator: "|") + ")\\b", options: [.caseInsensitive])
}
