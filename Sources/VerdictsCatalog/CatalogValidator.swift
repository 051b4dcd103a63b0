/// Checks that need the whole input (and what the database already holds): duplicate slugs across
/// files, and references from tools to categories and from reviews to personas.
struct CatalogValidator {
    let knownCategories: Set<String>
    let knownPersonas: Set<String>

    func problems(in input: CatalogInput) -> [CatalogProblem] {
        var problems: [CatalogProblem] = []
        problems += duplicates(input.categories.map { ($0.slug, $0.location) }, kind: "category")
        problems += duplicates(input.personas.map { ($0.slug, $0.location) }, kind: "persona")
        problems += duplicates(input.tools.map { ($0.slug, $0.location) }, kind: "tool")

        let categories = knownCategories.union(input.categories.map(\.slug))
        let personas = knownPersonas.union(input.personas.map(\.slug))
        for tool in input.tools {
            if !categories.contains(tool.category) {
                problems.append(CatalogProblem(
                    file: tool.location.file, line: tool.location.line, subject: "tool '\(tool.slug)'",
                    message: "category '\(tool.category)' does not exist (known: \(list(categories)))"))
            }
            for review in tool.reviews where !personas.contains(review.persona) {
                problems.append(CatalogProblem(
                    file: review.location.file, line: review.location.line, subject: "tool '\(tool.slug)'",
                    message: "review by unknown persona '\(review.persona)' (known: \(list(personas)))"))
            }
        }
        return problems
    }

    private func duplicates(_ entries: [(String, SourceLocation)], kind: String) -> [CatalogProblem] {
        var first: [String: SourceLocation] = [:]
        var problems: [CatalogProblem] = []
        for (slug, location) in entries {
            if let earlier = first[slug] {
                problems.append(CatalogProblem(
                    file: location.file, line: location.line, subject: "\(kind) '\(slug)'",
                    message: "slug is already used at \(earlier.file):\(earlier.line)"))
            } else {
                first[slug] = location
            }
        }
        return problems
    }

    private func list(_ slugs: Set<String>) -> String {
        slugs.isEmpty ? "none" : slugs.sorted().joined(separator: ", ")
    }
}
