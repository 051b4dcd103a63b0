import Foundation
import SQLKit
import VerdictsCore

/// Loads catalog files into the database: checks everything first, then writes all of it in one
/// transaction, upserting by slug and leaving rows that already match untouched.
public struct CatalogImporter: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    /// Reads, checks and imports `path` (a file or a folder). Throws `CatalogImportError` listing
    /// every problem when anything is wrong, and then writes nothing.
    @discardableResult
    public func importCatalog(at path: String, now: Date = Date()) async throws -> ImportReport {
        let (input, readProblems) = CatalogFiles.read(path)
        return try await importInput(input, readProblems: readProblems, now: now)
    }

    /// Every problem an import of `path` would report, without writing anything.
    public func check(_ path: String) async throws -> [CatalogProblem] {
        let (input, readProblems) = CatalogFiles.read(path)
        return readProblems + (try await crossReferenceProblems(in: input))
    }

    private func crossReferenceProblems(in input: CatalogInput) async throws -> [CatalogProblem] {
        let catalog = CatalogQueries(database.sql)
        let validator = CatalogValidator(
            knownCategories: Set(try await catalog.categories().map(\.slug)),
            knownPersonas: Set(try await catalog.personas().map(\.slug)))
        return validator.problems(in: input)
    }

    @discardableResult
    public func importInput(_ input: CatalogInput, readProblems: [CatalogProblem] = [], now: Date = Date())
        async throws -> ImportReport
    {
        let problems = readProblems + (try await crossReferenceProblems(in: input))
        guard problems.isEmpty else { throw CatalogImportError(problems: problems) }

        return try await database.transaction { sql in
            var report = ImportReport()
            let writer = CatalogWriter(sql: sql, now: now)
            for (position, category) in input.categories.enumerated() {
                report.categories.record(try await writer.upsert(category, position: position))
            }
            for (position, persona) in input.personas.enumerated() {
                report.personas.record(try await writer.upsert(persona, position: position))
            }
            let categoryIds = Dictionary(
                uniqueKeysWithValues: try await CatalogQueries(sql).categories().map { ($0.slug, $0.id) })
            let personas = Dictionary(
                uniqueKeysWithValues: try await CatalogQueries(sql).personas().map { ($0.slug, $0) })
            var touched: [Int] = []
            for tool in input.tools {
                guard let categoryId = categoryIds[tool.category] else { continue }  // checked above
                let (outcome, toolId) = try await writer.upsert(tool, categoryId: categoryId)
                report.tools.record(outcome)
                if outcome != .unchanged { touched.append(toolId) }
                guard !tool.reviews.isEmpty else { continue }
                for outcome in try await writer.upsertEditorialReviews(tool.reviews, toolId: toolId, personas: personas) {
                    report.reviews.record(outcome)
                    if outcome != .unchanged { touched.append(toolId) }
                }
            }
            // After every tool is in, since a review may quote a competitor imported after it.
            if !touched.isEmpty { try await ClaimQueries(sql).recheckEditorial(toolIds: Set(touched)) }
            return report
        }
    }
}
