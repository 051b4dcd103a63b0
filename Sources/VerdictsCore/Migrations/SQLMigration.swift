import FluentKit
import SQLKit

/// A migration written as plain SQL statements. The schema's rules — CHECK constraints, composite
/// uniques, foreign keys — live in the database itself, so every writer (the app, an import, a
/// hand-run psql session) is held to them, not only Swift code.
public protocol SQLMigration: AsyncMigration {
    func up(_ sql: SQLDialect) -> [String]
    /// Tables are dropped in reverse order of creation.
    var droppedTables: [String] { get }
}

extension SQLMigration {
    public func prepare(on database: any Database) async throws {
        let (sql, dialect) = try database.sqlWithDialect()
        for statement in up(dialect) {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    public func revert(on database: any Database) async throws {
        let (sql, _) = try database.sqlWithDialect()
        for table in droppedTables.reversed() {
            try await sql.raw(SQLQueryString("DROP TABLE IF EXISTS \(table)")).run()
        }
    }
}

extension Database {
    func sqlWithDialect() throws -> (any SQLDatabase, SQLDialect) {
        guard let sql = self as? any SQLDatabase else {
            throw DatabaseError.migrationFailed("The configured database does not speak SQL.")
        }
        let engine: DatabaseEngine = sql.dialect.name == "sqlite" ? .sqlite : .postgres
        return (sql, SQLDialect(engine: engine))
    }
}
