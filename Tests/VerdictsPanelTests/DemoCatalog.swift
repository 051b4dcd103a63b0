import Foundation
import TestSupport
import VerdictsCatalog
import VerdictsCore
import VerdictsPanel

/// A fresh database holding the repository's demo catalog: its tools, its four personas and the
/// editorial panel run of every tool.
enum DemoCatalog {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../catalog").standardized.path

    static func withDatabase<T: Sendable>(_ body: (AppDatabase) async throws -> T) async throws -> T {
        try await TestDatabase.withFresh { db in
            _ = try await CatalogImporter(database: db).importCatalog(at: path)
            return try await body(db)
        }
    }

    static func tool(_ db: AppDatabase, slug: String = "aider") async throws -> ToolRow {
        guard let tool = try await CatalogQueries(db.sql).tool(slug: slug) else { throw Missing(what: "tool \(slug)") }
        return tool
    }

    static func count(_ db: AppDatabase, _ table: String, where condition: String = "1 = 1") async throws -> Int {
        let row = try await db.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: condition)").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    struct Missing: Error { var what: String }
}
