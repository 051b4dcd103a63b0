import Foundation
import VerdictsCore

/// The checks a review needs the tool and the catalog for: that it reviews this tool, that it took
/// no orders from the tool's facts, and which of its claims the facts support.
struct ReviewIntegrity: Sendable {
    let tool: ToolRow
    let checker: ClaimChecker

    func problem(in review: ValidReview) -> ReviewProblem? {
        let text = review.text
        if let other = checker.otherToolsNamed(in: text).first, !ClaimChecker.names(tool.name.lowercased(), in: text.lowercased()) {
            return .namesWrongTool(other)
        }
        if Self.matches(Self.override, text) { return .followsInstructions }
        for planted in Self.plantedInstructions(in: ClaimChecker.facts(of: tool, category: "").joined(separator: " ")) {
            let copied = ReviewValidator.overlap(ReviewValidator.words(planted), ReviewValidator.words(text)) >= 0.5
            let obeyed = planted.split { !$0.isNumber }.contains { Int($0) == review.score }
            if copied || obeyed { return .followsInstructions }
        }
        return nil
    }

    func claims(in text: String) -> [Claim] { checker.claims(in: text) }

    /// Sentences of the facts that speak to the reviewer rather than describe the tool.
    static func plantedInstructions(in facts: String) -> [String] {
        ClaimChecker.sentences(of: facts).filter { matches(override, $0) || matches(order, $0) }
    }

    private static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    // Constant patterns; a typo is a programming error.
    private static let override = try! NSRegularExpression(
        pattern: #"\b(ignore|disregard|forget|override)\b[^.]{0,40}\b(instructions?|prompts?|rules|guidelines)\b|\bsystem prompt\b|\byou are now\b|\bas an ai\b|\bnew instructions\b"#,
        options: [.caseInsensitive])
    private static let order = try! NSRegularExpression(
        pattern: #"\b(reviewers?|panel|panelists?|ai|assistants?|models?|you)\b[^.]{0,30}\b(must|should|shall|are to|have to|will)\b[^.]{0,40}\b(score|rate|ship|verdict|say|give|recommend|praise)\b|\b(score|rate)\s+(it|this(\s+tool)?)\s+(a\s+)?\d+"#,
        options: [.caseInsensitive])
}
