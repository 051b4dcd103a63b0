import FluentKit
import SQLKit

/// The full-text index behind `ToolSearch`. SQLite keeps an FTS5 table in step with `tools` through
/// triggers; PostgreSQL indexes an expression over the columns, which needs no upkeep.
struct CreateToolSearch: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let (sql, dialect) = try database.sqlWithDialect()
        for statement in dialect.engine == .sqlite ? Self.sqliteUp : Self.postgresUp {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        let (sql, dialect) = try database.sqlWithDialect()
        let statements = dialect.engine == .sqlite
            ? ["DROP TRIGGER IF EXISTS tools_fts_insert", "DROP TRIGGER IF EXISTS tools_fts_delete",
               "DROP TRIGGER IF EXISTS tools_fts_update", "DROP TABLE IF EXISTS tools_fts"]
            : ["DROP INDEX IF EXISTS tools_search"]
        for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
    }

    static let sqliteUp = [
        """
        CREATE VIRTUAL TABLE tools_fts USING fts5(
            name, vendor, tagline, description, content = 'tools', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2')
        """,
        """
        CREATE TRIGGER tools_fts_insert AFTER INSERT ON tools BEGIN
            INSERT INTO tools_fts (rowid, name, vendor, tagline, description)
            VALUES (new.id, new.name, new.vendor, new.tagline, new.description);
        END
        """,
        """
        CREATE TRIGGER tools_fts_delete AFTER DELETE ON tools BEGIN
            INSERT INTO tools_fts (tools_fts, rowid, name, vendor, tagline, description)
            VALUES ('delete', old.id, old.name, old.vendor, old.tagline, old.description);
        END
        """,
        """
        CREATE TRIGGER tools_fts_update AFTER UPDATE ON tools BEGIN
            INSERT INTO tools_fts (tools_fts, rowid, name, vendor, tagline, description)
            VALUES ('delete', old.id, old.name, old.vendor, old.tagline, old.description);
            INSERT INTO tools_fts (rowid, name, vendor, tagline, description)
            VALUES (new.id, new.name, new.vendor, new.tagline, new.description);
        END
        """,
        "INSERT INTO tools_fts (tools_fts) VALUES ('rebuild')",
    ]

    static let postgresUp = ["CREATE INDEX tools_search ON tools USING GIN (\(PostgresSearchIndex.expression))"]
}
