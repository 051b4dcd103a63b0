import Foundation
import SQLKit

/// What happened in one span of time, for the weekly digest.
public struct WeeklyQueries: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Tools whose panel verdict was written in the span, newest first.
    public func newVerdicts(from start: Date, to end: Date, limit: Int = 10) async throws -> [Int] {
        struct Row: Decodable { var toolId: Int }
        let rows: [Row] = try await sql.rows("""
            SELECT tool_id FROM panel_runs WHERE status = 'complete' AND purpose = 'verdict' AND finished_at >= \(bind: start) AND finished_at < \(bind: end)
            GROUP BY tool_id ORDER BY MAX(finished_at) DESC, tool_id LIMIT \(bind: limit)
            """)
        return rows.map(\.toolId)
    }

    /// Tools that drew the most community votes in the span: (tool id, votes cast).
    public func communityMovers(from start: Date, to end: Date, limit: Int = 5) async throws -> [(Int, Int)] {
        struct Row: Decodable { var toolId: Int; var n: Int }
        let rows: [Row] = try await sql.rows("""
            SELECT tool_id, COUNT(*) AS n FROM tool_votes
            WHERE voided = FALSE AND updated_at >= \(bind: start) AND updated_at < \(bind: end)
            GROUP BY tool_id ORDER BY n DESC, tool_id LIMIT \(bind: limit)
            """)
        return rows.map { ($0.toolId, $0.n) }
    }

    /// Pairs answered most in the span: (lower id, higher id, answers).
    public func popularPairs(from start: Date, to end: Date, limit: Int = 5) async throws -> [(Int, Int, Int)] {
        struct Row: Decodable { var toolAId: Int; var toolBId: Int; var n: Int }
        let rows: [Row] = try await sql.rows("""
            SELECT tool_a_id, tool_b_id, COUNT(*) AS n FROM matchup_votes
            WHERE voided = FALSE AND updated_at >= \(bind: start) AND updated_at < \(bind: end)
            GROUP BY tool_a_id, tool_b_id ORDER BY n DESC, tool_a_id, tool_b_id LIMIT \(bind: limit)
            """)
        return rows.map { ($0.toolAId, $0.toolBId, $0.n) }
    }
}
