import FluentKit
import SQLKit

/// What makes a review evidence: the claims found in it with whether each was traced to the facts
/// (a JSON array, see `Claim`), and whether the model's vendor is the reviewed tool's vendor.
struct AddReviewIntegrity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let (sql, _) = try database.sqlWithDialect()
        try await sql.raw("ALTER TABLE reviews ADD COLUMN claims TEXT NOT NULL DEFAULT '[]'").run()
        try await sql.raw("ALTER TABLE reviews ADD COLUMN same_vendor BOOLEAN NOT NULL DEFAULT FALSE").run()
    }

    func revert(on database: any Database) async throws {
        let (sql, _) = try database.sqlWithDialect()
        try await sql.raw("ALTER TABLE reviews DROP COLUMN same_vendor").run()
        try await sql.raw("ALTER TABLE reviews DROP COLUMN claims").run()
    }
}
