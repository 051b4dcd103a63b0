/// Saves a tool edited in the admin desk. The web app holds one of these without knowing how it
/// checks: the implementation (`ToolEditor` in VerdictsCatalog) runs the catalog import's own
/// parser and validator, so a tool saved from a form obeys exactly the rules of an imported file.
public protocol ToolEditing: Sendable {
    /// Checks `fields` (catalog field names such as `best_for` → text) as an import would and saves
    /// the tool when nothing is wrong. Returns every problem, one sentence each; empty when saved.
    func saveTool(_ fields: [String: String]) async throws -> [String]
}
