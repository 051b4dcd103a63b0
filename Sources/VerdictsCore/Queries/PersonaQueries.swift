import Foundation
import SQLKit

/// One review in a persona's history, with the tool it judged.
public struct PersonaVerdict: Codable, Sendable, Equatable {
    public var toolSlug: String
    public var toolName: String
    public var score: Int
    public var verdict: Verdict
    public var source: ReviewSource
    public var model: String?
    public var promptVersion: Int
    public var createdAt: Date
}

public struct PersonaQueries: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    public func persona(slug: String) async throws -> PersonaRow? {
        try await sql.firstRow("SELECT * FROM personas WHERE slug = \(bind: slug)")
    }

    /// Every review the persona has written, newest first: its verdict history.
    public func history(personaId: Int, limit: Int = 500) async throws -> [PersonaVerdict] {
        try await sql.rows("""
            SELECT t.slug AS tool_slug, t.name AS tool_name, r.score, r.verdict, r.source, r.model, r.prompt_version, r.created_at
            FROM reviews r
            JOIN panel_runs pr ON pr.id = r.run_id
            JOIN tools t ON t.id = pr.tool_id
            WHERE r.persona_id = \(bind: personaId) AND pr.status = 'complete' AND pr.purpose = 'verdict'
            ORDER BY r.created_at DESC, t.name
            LIMIT \(bind: limit)
            """)
    }
}
