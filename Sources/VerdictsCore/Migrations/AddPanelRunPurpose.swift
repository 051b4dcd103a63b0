import FluentKit
import SQLKit

/// Why a run was made: to write the tool's panel verdict, or to ask the same panel again and
/// measure how stable its scores are. A stability run never becomes the verdict.
struct AddPanelRunPurpose: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let (sql, _) = try database.sqlWithDialect()
        try await sql.raw("""
            ALTER TABLE panel_runs ADD COLUMN purpose TEXT NOT NULL DEFAULT 'verdict' CHECK (purpose IN ('verdict', 'stability'))
            """).run()
    }

    func revert(on database: any Database) async throws {
        let (sql, _) = try database.sqlWithDialect()
        try await sql.raw("ALTER TABLE panel_runs DROP COLUMN purpose").run()
    }
}
