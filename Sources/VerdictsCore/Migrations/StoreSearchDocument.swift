import FluentKit
import SQLKit

/// On PostgreSQL, the search document becomes a stored column with its own GIN index. Prefix
/// queries make the index lossy, so every candidate row is checked again and ranked; over an
/// expression index that meant building each row's `tsvector` twice per query, which made a
/// search for a common word take 90 ms of CPU at 100,000 tools. Stored, it takes about 15.
/// SQLite's FTS5 table already keeps its own copy: nothing changes there.
struct StoreSearchDocument: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let (sql, dialect) = try database.sqlWithDialect()
        guard dialect.engine == .postgres else { return }
        for statement in [
            "ALTER TABLE tools ADD COLUMN search_document tsvector GENERATED ALWAYS AS \(PostgresSearchIndex.expression) STORED",
            "CREATE INDEX tools_search_document ON tools USING GIN (search_document)",
            "DROP INDEX IF EXISTS tools_search",
        ] { try await sql.raw(SQLQueryString(statement)).run() }
    }

    func revert(on database: any Database) async throws {
        let (sql, dialect) = try database.sqlWithDialect()
        guard dialect.engine == .postgres else { return }
        for statement in [
            "CREATE INDEX IF NOT EXISTS tools_search ON tools USING GIN (\(PostgresSearchIndex.expression))",
            "DROP INDEX IF EXISTS tools_search_document",
            "ALTER TABLE tools DROP COLUMN IF EXISTS search_document",
        ] { try await sql.raw(SQLQueryString(statement)).run() }
    }
}
