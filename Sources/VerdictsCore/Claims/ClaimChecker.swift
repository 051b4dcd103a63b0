import Foundation

/// Traces every claim of a review to the facts: the reviewed tool's own facts, the facts of any
/// catalog tool the same sentence names (a review may quote a competitor's price), and the
/// questions the persona was asked. Anything else is untraced.
public struct ClaimChecker: Sendable {
    private let subjectNames: [String]
    private let subject: FactIndex
    private let catalog: CatalogFacts
    private let subjectIds: Set<Int>

    /// `catalog`: tools the review may name (the checker looks only at the ones a sentence names);
    /// `context`: other texts the reviewer was given, such as the persona's rubric.
    public init(tool: ToolRow, category: String, catalog: CatalogFacts = CatalogFacts(tools: []), context: [String] = []) {
        self.init(tools: [(tool, category)], catalog: catalog, context: context)
    }

    /// A text about several tools at once (a pairwise pick): every one's facts are its subject's.
    public init(tools: [(ToolRow, String)], catalog: CatalogFacts = CatalogFacts(tools: []), context: [String] = []) {
        (subjectNames, subjectIds, self.catalog) = (tools.map(\.0.name), Set(tools.map(\.0.id)), catalog)
        subject = FactIndex(texts: tools.flatMap { Self.facts(of: $0.0, category: $0.1) } + context,
                            numbers: tools.compactMap { $0.0.contextWindow.map(Double.init) })
    }

    /// The facts of a tool as the panel's prompt states them.
    public static func facts(of tool: ToolRow, category: String) -> [String] {
        [tool.name, tool.vendor, category, tool.tagline, tool.bestFor, tool.pricingModel.label, tool.pricing, tool.entryPrice,
         tool.launchedOn, tool.license, tool.description]
    }

    public func claims(in text: String) -> [Claim] {
        Self.sentences(of: text).flatMap { sentence -> [Claim] in
            let namedTools = catalog.entries.filter { !subjectIds.contains($0.id) && Self.names($0.name, in: sentence) }
            let named = namedTools.map(\.facts)
            // The "4" of "Claude Sonnet 4" is the tool's name, not a claim about it.
            let unnamed = (subjectNames + namedTools.map(\.name)).reduce(sentence) { Self.masking($1, in: $0) }
            return ClaimExtractor.mentions(in: unnamed).compactMap { mention in
                mention.kind.map { Claim(text: mention.text, kind: $0, supported: subject.supports(mention) || named.contains { $0.supports(mention) }) }
            }
        }
    }

    /// The catalog tools a text names, other than the reviewed one.
    public func otherToolsNamed(in text: String) -> [String] {
        catalog.entries.filter { !subjectIds.contains($0.id) && Self.names($0.name, in: text) }.map(\.name)
    }


    /// A tool's name as a whole word, case and all: "Cursor" the editor, not "the cursor".
    public static func names(_ name: String, in text: String) -> Bool {
        guard !name.isEmpty else { return false }
        var searchStart = text.startIndex
        while let found = text.range(of: name, range: searchStart..<text.endIndex) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            if !(before.map { $0.isLetter || $0.isNumber } ?? false), !(after.map { $0.isLetter || $0.isNumber } ?? false) {
                return true
            }
            searchStart = text.index(after: found.lowerBound)
        }
        return false
    }

    /// `text` with every whole-word occurrence of `name` written over in letters, so nothing in it
    /// reads as a number.
    static func masking(_ name: String, in text: String) -> String {
        guard names(name, in: text) else { return text }
        let mask = String(name.map { $0.isWhitespace ? $0 : "X" })
        return text.replacingOccurrences(of: name, with: mask)
    }

    /// Sentences end at ".", "!" or "?" followed by space; a decimal point is never followed by one.
    public static func sentences(of text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var previous: Character?
        for character in text {
            if character.isWhitespace, let previous, ".!?".contains(previous), !current.isEmpty {
                result.append(current)
                current = ""
                continue
            }
            current.append(character)
            previous = character
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { result.append(current) }
        return result
    }
}

/// The facts of the catalog's tools, indexed once and shared by every review a run or an import
/// checks.
public struct CatalogFacts: Sendable {
    let entries: [(id: Int, name: String, facts: FactIndex)]

    public init(tools: [ToolRow]) {
        entries = tools.map { tool in
            (tool.id, tool.name, FactIndex(texts: ClaimChecker.facts(of: tool, category: ""), numbers: tool.contextWindow.map { [Double($0)] } ?? []))
        }
    }
}
