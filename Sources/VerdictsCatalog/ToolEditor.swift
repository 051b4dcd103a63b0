import Foundation
import VerdictsCore
import Yams

/// The admin desk's tool form, checked and saved through the import path: the form's fields
/// become the same YAML nodes a catalog file would hold, then go through `CatalogParser` and
/// `CatalogImporter.importInput`, which upserts by slug in one transaction or writes nothing.
public struct ToolEditor: ToolEditing {
    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    public func saveTool(_ fields: [String: String]) async throws -> [String] {
        let problems = ProblemList()
        var input = CatalogInput()
        CatalogParser(file: "form", problems: problems).parse(Self.document(fields), into: &input)
        do {
            try await CatalogImporter(database: database).importInput(input, readProblems: problems.problems)
            return []
        } catch let error as CatalogImportError {
            return error.problems.map(\.message)
        }
    }

    /// `{tools: [{field: value, …}]}`. Empty fields are left out, so a required one is reported
    /// missing; numbers and dates are written plain only when they look like one, so anything else
    /// reaches the validator as text and is refused there.
    static func document(_ fields: [String: String]) -> Node {
        var pairs: [(String, Node?)] = []
        for key in CatalogParser.toolFields where key != "reviews" {
            guard let raw = fields[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { continue }
            let value = raw.replacingOccurrences(of: "\r\n", with: "\n")
            let plain = (key == "context_window" && value.range(of: #"^[0-9]{1,12}$"#, options: .regularExpression) != nil)
                || (key == "launched" && value.range(of: #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#, options: .regularExpression) != nil)
            pairs.append((key, plain ? YAMLText.plain(value) : YAMLText.text(value)))
        }
        return YAMLText.mapping([("tools", Node([YAMLText.mapping(pairs)]))])
    }
}
