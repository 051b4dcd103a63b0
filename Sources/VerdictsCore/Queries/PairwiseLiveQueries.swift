import Foundation
import SQLKit

/// An answer being written: one persona, one order.
public struct PairwiseDraft: Codable, Sendable, Equatable {
    public var personaSlug: String
    public var firstTool: Int
    public var text: String
    public var attempt: Int
}

/// What a comparison page's live view reads while a pairwise run is written, from any process.
extension PairwiseQueries {
    public func saveDraft(runId: Int, personaId: Int, firstTool: Int, text: String, attempt: Int, now: Date = Date()) async throws {
        try await sql.raw("""
            INSERT INTO pairwise_drafts (run_id, persona_id, first_tool, text, attempt, updated_at)
            VALUES (\(bind: runId), \(bind: personaId), \(bind: firstTool), \(bind: text), \(bind: attempt), \(bind: now))
            ON CONFLICT (run_id, persona_id, first_tool) DO UPDATE SET text = excluded.text, attempt = excluded.attempt,
                updated_at = excluded.updated_at
            """).run()
    }

    public func drafts(runId: Int) async throws -> [PairwiseDraft] {
        try await sql.rows("""
            SELECT p.slug AS persona_slug, d.first_tool, d.text, d.attempt
            FROM pairwise_drafts d JOIN personas p ON p.id = d.persona_id
            WHERE d.run_id = \(bind: runId)
            """)
    }

    public func clearDrafts(runId: Int) async throws {
        try await sql.raw("DELETE FROM pairwise_drafts WHERE run_id = \(bind: runId)").run()
    }

    /// The answers a run has stored so far, finished or not.
    public func answers(runId: Int) async throws -> [PairwiseVerdict.Answer] {
        try await sql.rows("""
            SELECT p.slug AS persona_slug, p.name AS persona_name, pp.first_tool, pp.pick, pp.text, pp.model, pp.claims, pp.created_at
            FROM pairwise_picks pp JOIN personas p ON p.id = pp.persona_id
            WHERE pp.run_id = \(bind: runId) ORDER BY p.position, p.name, pp.first_tool
            """)
    }

    /// The run a live view follows: the pair's unfinished one, else its latest.
    public func latestRun(_ x: Int, _ y: Int) async throws -> PairwiseRunRow? {
        if let pending = try await pending(x, y) { return pending }
        let (a, b) = Self.ordered(x, y)
        return try await sql.firstRow("""
            SELECT * FROM pairwise_runs WHERE tool_a = \(bind: a) AND tool_b = \(bind: b) ORDER BY queued_at DESC, id DESC LIMIT 1
            """)
    }
}
