import Testing
import TestSupport
import VerdictsCore

@Suite("Migrations")
struct MigrationTests {
    static let tables: Set<String> = [
        "categories", "tools", "personas", "panel_runs", "reviews", "users", "sessions", "login_tokens",
        "tool_votes", "matchup_votes", "vote_events", "bookmarks", "subscribers", "digests", "digest_sends", "jobs",
    ]

    @Test("migrate creates every table of the data model")
    func upCreatesTables() async throws {
        try await TestDatabase.withFresh { db in
            let tables = try await TestDatabase.tableNames(db)
            #expect(tables.isSuperset(of: Self.tables), "missing: \(Self.tables.subtracting(tables))")
        }
    }

    @Test("reverting every migration drops the tables, and migrating again restores them")
    func downThenUp() async throws {
        try await TestDatabase.withFresh { db in
            try await db.revert(all: true)
            let afterRevert = try await TestDatabase.tableNames(db)
            #expect(afterRevert.isDisjoint(with: Self.tables), "left behind: \(afterRevert.intersection(Self.tables))")
            try await db.migrate()
            #expect(try await TestDatabase.tableNames(db).isSuperset(of: Self.tables))
        }
    }

    @Test("migrating twice is harmless")
    func migrateIsIdempotent() async throws {
        try await TestDatabase.withFresh { db in
            try await db.migrate()
            #expect(try await TestDatabase.tableNames(db).isSuperset(of: Self.tables))
        }
    }
}
