import FluentKit
import SQLKit

/// At most one unfinished (queued or running) panel run per tool, enforced by the database so that
/// two app instances asked to run the same tool at once cannot both create a run. Both engines
/// support partial unique indexes.
struct CreatePanelRunGuards: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let (sql, _) = try database.sqlWithDialect()
        try await sql.raw("""
            CREATE UNIQUE INDEX panel_runs_one_unfinished ON panel_runs (tool_id)
            WHERE status IN ('queued', 'running')
            """).run()
    }

    func revert(on database: any Database) async throws {
        let (sql, _) = try database.sqlWithDialect()
        try await sql.raw("DROP INDEX IF EXISTS panel_runs_one_unfinished").run()
    }
}
