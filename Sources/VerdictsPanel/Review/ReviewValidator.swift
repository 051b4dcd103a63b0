import Foundation
import VerdictsCore

/// A review that passed validation, ready to store.
public struct ValidReview: Sendable, Equatable {
    public var score: Int
    public var verdict: Verdict
    public var text: String
}

/// Checks a model's answer before anything is stored. Every rule names what was wrong, because
/// the reason ends up on a failed run for an operator to read.
public struct ReviewValidator: Sendable {
    public var minWords = 25
    public var maxWords = 400
    public var maxCharacters = 2_600

    public init() {}

    public func validate(json text: String) -> Result<ValidReview, ReviewProblem> {
        guard let answer = JSONValue.parse(extractObject(text)), case .object = answer else {
            return .failure(.notJSON(String(text.prefix(80))))
        }
        guard let score = integerScore(answer["score"]) else { return .failure(.badScore(describe(answer["score"]))) }
        guard (0...100).contains(score) else { return .failure(.scoreOutOfRange(score)) }
        guard let word = answer["verdict"]?.string?.trimmingCharacters(in: .whitespaces).lowercased(),
            let verdict = Verdict(rawValue: word)
        else { return .failure(.badVerdict(describe(answer["verdict"]))) }
        if verdict == .ship && score < 40 || verdict == .skip && score > 70 {
            return .failure(.contradiction(score: score, verdict: verdict))
        }
        guard let raw = answer["text"]?.string else { return .failure(.missingText) }
        let body = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = problem(inText: body) { return .failure(problem) }
        return .success(ValidReview(score: score, verdict: verdict, text: body))
    }

    func problem(inText body: String) -> ReviewProblem? {
        let words = Self.words(body)
        if words.count < minWords { return .tooShort(words: words.count, minimum: minWords) }
        if words.count > maxWords || body.count > maxCharacters { return .tooLong(words: words.count) }
        if Self.overlap(words, Self.words(ReviewPromptBuilder.exampleText)) >= 0.5 { return .copiesExample }
        if body.contains("tool_facts") || body.contains("\"score\"") { return .echoesPrompt }
        if body.range(of: "<[A-Za-z/!]", options: .regularExpression) != nil || body.contains("```") || body.contains("://") {
            return .markup
        }
        if Self.isRepetitive(body, words: words) { return .repetitive }
        if !Self.looksLikeEnglishProse(body, words: words) { return .notProse }
        return nil
    }

    /// Small models sometimes wrap the object in prose or a code fence (take the outermost braces)
    /// and put raw line breaks inside strings, which JSON forbids: as spaces they are harmless both
    /// inside and outside strings.
    private func extractObject(_ text: String) -> String {
        let flattened = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 ? " " : $0 }))
        guard let open = flattened.firstIndex(of: "{"), let close = flattened.lastIndex(of: "}"), open < close else {
            return flattened
        }
        return String(flattened[open...close])
    }

    /// A whole number, also when written as "72" or 72.0; never a fraction.
    private func integerScore(_ value: JSONValue?) -> Int? {
        switch value {
        case .number(let number)?: return number.rounded() == number && abs(number) < 1e6 ? Int(number) : nil
        case .string(let text)?: return Int(text.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    private func describe(_ value: JSONValue?) -> String {
        value.map { String($0.canonicalText.prefix(40)) } ?? "nothing"
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "'" }.map(String.init)
    }

    /// Share of the candidate's word trigrams that also occur in the reference.
    static func overlap(_ candidate: [String], _ reference: [String]) -> Double {
        let mine = trigrams(candidate)
        guard !mine.isEmpty else { return 0 }
        return Double(mine.intersection(trigrams(reference)).count) / Double(mine.count)
    }

    private static func trigrams(_ words: [String]) -> Set<String> {
        guard words.count >= 3 else { return [] }
        return Set((0...(words.count - 3)).map { words[$0..<$0 + 3].joined(separator: " ") })
    }

    /// Degenerate output loops: the same phrase again and again, one word dominating, or a
    /// character run such as "!!!!!!!!".
    static func isRepetitive(_ text: String, words: [String]) -> Bool {
        let trigramList = words.count >= 3 ? (0...(words.count - 3)).map { words[$0..<$0 + 3].joined(separator: " ") } : []
        if trigramList.count >= 12, Double(Set(trigramList).count) / Double(trigramList.count) < 0.7 { return true }
        let counts = Dictionary(words.map { ($0, 1) }, uniquingKeysWith: +)
        if let top = counts.values.max(), words.count >= 20, Double(top) / Double(words.count) > 0.2 { return true }
        var run = 0
        var previous: Character?
        for character in text where !character.isWhitespace {
            run = character == previous ? run + 1 : 1
            previous = character
            if run >= 12 { return true }
        }
        return false
    }

    /// The site is written in English: the text must be mostly Latin letters and use the common
    /// small words of English sentences.
    static func looksLikeEnglishProse(_ text: String, words: [String]) -> Bool {
        let letters = text.filter(\.isLetter)
        guard !letters.isEmpty else { return false }
        let latin = letters.filter { $0.isASCII }.count
        guard Double(latin) / Double(letters.count) >= 0.9 else { return false }
        guard Double(letters.count) / Double(text.filter { !$0.isWhitespace }.count) >= 0.75 else { return false }
        let common: Set<String> = ["the", "a", "an", "and", "or", "to", "of", "it", "is", "for", "in", "with", "but", "on", "that", "its", "you"]
        return words.filter(common.contains).count >= max(3, words.count / 20)
    }
}

public enum ReviewProblem: Error, Equatable, CustomStringConvertible {
    case notJSON(String)
    case badScore(String)
    case scoreOutOfRange(Int)
    case badVerdict(String)
    case contradiction(score: Int, verdict: Verdict)
    case missingText
    case tooShort(words: Int, minimum: Int)
    case tooLong(words: Int)
    case copiesExample
    case echoesPrompt
    case markup
    case repetitive
    case notProse
    /// A pairwise answer whose pick is not A or B.
    case badPick(String)
    /// It reviews another catalog tool, never naming the one it was asked about.
    case namesWrongTool(String)
    /// It repeats or obeys instructions (planted in the tool's facts, or its own) instead of reviewing.
    case followsInstructions

    public var description: String {
        switch self {
        case .notJSON(let start): "the answer is not a JSON object (it starts \"\(start)\")"
        case .badScore(let value): "score must be a whole number, got \(value)"
        case .scoreOutOfRange(let score): "score must be between 0 and 100, got \(score)"
        case .badVerdict(let value): "verdict must be ship or skip, got \(value)"
        case .contradiction(let score, let verdict): "a \(verdict.rawValue) verdict contradicts a score of \(score)"
        case .missingText: "the review text is missing"
        case .tooShort(let words, let minimum): "the review has \(words) words; at least \(minimum) are needed"
        case .tooLong(let words): "the review is too long (\(words) words)"
        case .copiesExample: "the review copies the prompt's example"
        case .echoesPrompt: "the review repeats the prompt's markup instead of reviewing"
        case .markup: "the review contains markup, code or addresses instead of prose"
        case .repetitive: "the review repeats itself"
        case .notProse: "the review is not English prose"
        case .badPick(let value): "pick must be A or B, got \(value)"
        case .namesWrongTool(let other): "the review is about \(other), not the tool it was asked to review"
        case .followsInstructions: "the review follows instructions instead of reviewing (one planted in the tool's facts, or its own)"
        }
    }
}
