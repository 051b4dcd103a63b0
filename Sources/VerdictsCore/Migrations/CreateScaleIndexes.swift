import FluentKit
import SQLKit

/// Indexes the pages need at 100,000 tools, each proven by a test that reads the query plan
/// (IndexPlanTests): pickers and alternatives read tools by name, related comparisons read answers
/// from both sides of a stored pair, and vote counts come from the index alone.
struct CreateScaleIndexes: AsyncMigration {
    static let indexes = [
        "tools_category_name": "tools (category_id, name)",
        "tools_name": "tools (name)",
        "matchup_votes_second": "matchup_votes (tool_b_id, tool_a_id, voided)",
        "tool_votes_counts": "tool_votes (tool_id, voided, choice)",
    ]

    func prepare(on database: any Database) async throws {
        let (sql, _) = try database.sqlWithDialect()
        for (name, target) in Self.indexes.sorted(by: { $0.key < $1.key }) {
            try await sql.raw(SQLQueryString("CREATE INDEX \(name) ON \(target)")).run()
        }
        // The narrower indexes these replace would only slow every write.
        try await sql.raw("DROP INDEX IF EXISTS tools_category").run()
        try await sql.raw("DROP INDEX IF EXISTS tool_votes_tool").run()
    }

    func revert(on database: any Database) async throws {
        let (sql, _) = try database.sqlWithDialect()
        try await sql.raw("CREATE INDEX IF NOT EXISTS tools_category ON tools (category_id)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS tool_votes_tool ON tool_votes (tool_id, voided)").run()
        for name in Self.indexes.keys.sorted() {
            try await sql.raw(SQLQueryString("DROP INDEX IF EXISTS \(name)")).run()
        }
    }
}
