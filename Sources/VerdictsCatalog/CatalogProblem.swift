/// One thing wrong with a catalog file, located precisely enough to fix without searching:
/// `tools/llm-apis.yaml:42: tool 'gpt-4o': pricing_model must be one of free, freemium, paid, open-weights`.
public struct CatalogProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// What the problem is about (`tool 'gpt-4o'`), or empty for file-level problems.
    public var subject: String
    public var message: String

    public var description: String {
        subject.isEmpty ? "\(file):\(line): \(message)" : "\(file):\(line): \(subject): \(message)"
    }
}

/// Thrown when an import finds anything wrong: it carries every problem, and nothing was written.
public struct CatalogImportError: Error, CustomStringConvertible {
    public var problems: [CatalogProblem]

    public init(problems: [CatalogProblem]) { self.problems = problems }

    public var description: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return "The catalog has \(count); nothing was imported.\n"
            + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

/// Collects problems while a catalog is read, so that one run reports all of them.
final class ProblemList {
    private(set) var problems: [CatalogProblem] = []

    func add(_ file: String, _ line: Int, _ subject: String, _ message: String) {
        problems.append(CatalogProblem(file: file, line: line, subject: subject, message: message))
    }

    var isEmpty: Bool { problems.isEmpty }
}
