import Foundation
import SQLKit

/// One review as a page shows it: the review, who wrote it, and the run it came from.
public struct PanelReview: Codable, Sendable, Equatable {
    public var personaSlug: String
    public var personaName: String
    public var personaPosition: Int
    public var score: Int
    public var verdict: Verdict
    public var text: String
    public var source: ReviewSource
    public var model: String?
    public var promptVersion: Int
    public var createdAt: Date

    public init(
        personaSlug: String, personaName: String, personaPosition: Int, score: Int, verdict: Verdict, text: String,
        source: ReviewSource, model: String?, promptVersion: Int, createdAt: Date
    ) {
        (self.personaSlug, self.personaName, self.personaPosition) = (personaSlug, personaName, personaPosition)
        (self.score, self.verdict, self.text, self.source) = (score, verdict, text, source)
        (self.model, self.promptVersion, self.createdAt) = (model, promptVersion, createdAt)
    }
}

public struct PanelQueries: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// The tool's panel verdict: the reviews of its latest complete run, in persona order.
    public func latestPanel(toolId: Int) async throws -> [PanelReview] {
        guard let run = try await latestCompleteRun(toolId: toolId) else { return [] }
        return try await sql.rows("""
            SELECT p.slug AS persona_slug, p.name AS persona_name, p.position AS persona_position,
                   r.score, r.verdict, r.text, r.source, r.model, r.prompt_version, r.created_at
            FROM reviews r JOIN personas p ON p.id = r.persona_id
            WHERE r.run_id = \(bind: run.id)
            ORDER BY p.position, p.name
            """)
    }

    public func latestCompleteRun(toolId: Int) async throws -> PanelRunRow? {
        try await sql.firstRow("""
            SELECT * FROM panel_runs
            WHERE tool_id = \(bind: toolId) AND status = 'complete'
            ORDER BY finished_at DESC, id DESC
            LIMIT 1
            """)
    }

    /// The editorial run of a tool, which imports write into and exports read from.
    public func editorialRun(toolId: Int) async throws -> PanelRunRow? {
        try await sql.firstRow("""
            SELECT * FROM panel_runs WHERE tool_id = \(bind: toolId) AND backend = 'editorial'
            ORDER BY id LIMIT 1
            """)
    }

    public func reviews(runId: Int) async throws -> [ReviewRow] {
        try await sql.rows("SELECT * FROM reviews WHERE run_id = \(bind: runId) ORDER BY persona_id")
    }
}
