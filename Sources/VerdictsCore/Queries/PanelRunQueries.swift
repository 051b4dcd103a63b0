import Foundation
import SQLKit

/// What the model wrote for one persona, with what it cost, ready to store.
public struct ModelReview: Sendable, Equatable {
    public var personaId: Int
    public var score: Int
    public var verdict: Verdict
    public var text: String
    public var model: String
    public var promptVersion: Int
    public var usage: TokenUsage
    public var claims: [Claim]
    public var sameVendor: Bool

    public init(
        personaId: Int, score: Int, verdict: Verdict, text: String, model: String, promptVersion: Int, usage: TokenUsage,
        claims: [Claim] = [], sameVendor: Bool = false
    ) {
        (self.personaId, self.score, self.verdict, self.text) = (personaId, score, verdict, text)
        (self.model, self.promptVersion, self.usage) = (model, promptVersion, usage)
        (self.claims, self.sameVendor) = (claims, sameVendor)
    }
}

/// Tokens as the backends count them; the cache fields are Anthropic's prompt caching.
public struct TokenUsage: Sendable, Equatable, Codable {
    public var inputTokens = 0
    public var outputTokens = 0
    public var cacheCreationInputTokens = 0
    public var cacheReadInputTokens = 0

    public init(inputTokens: Int = 0, outputTokens: Int = 0, cacheCreationInputTokens: Int = 0, cacheReadInputTokens: Int = 0) {
        (self.inputTokens, self.outputTokens) = (inputTokens, outputTokens)
        (self.cacheCreationInputTokens, self.cacheReadInputTokens) = (cacheCreationInputTokens, cacheReadInputTokens)
    }

    public static func + (a: TokenUsage, b: TokenUsage) -> TokenUsage {
        TokenUsage(
            inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens,
            cacheCreationInputTokens: a.cacheCreationInputTokens + b.cacheCreationInputTokens,
            cacheReadInputTokens: a.cacheReadInputTokens + b.cacheReadInputTokens)
    }
}

/// The job kind that carries a panel run; its payload is the run id.
public enum PanelJob {
    public static let kind = "panel-run"
    public static func payload(runId: Int) -> String { #"{"run_id":\#(runId)}"# }
    public static func runId(payload: String) -> Int? {
        struct Payload: Decodable { var run_id: Int }
        return try? JSONDecoder().decode(Payload.self, from: Data(payload.utf8)).run_id
    }
}

/// Model-written panel runs: queueing, progress, reviews as they arrive, and the history.
public struct PanelRunQueries: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Queues a run for a tool and the job that carries it. A tool that already has a queued or
    /// running run keeps that one (the database allows only one), so asking twice runs once.
    public func queueRun(toolId: Int, backend: String, model: String?, purpose: RunPurpose = .verdict, now: Date = Date()) async throws
        -> (run: PanelRunRow, isNew: Bool)
    {
        if let created: PanelRunRow = try await sql.firstRow("""
            INSERT INTO panel_runs (tool_id, backend, model, status, queued_at, purpose)
            VALUES (\(bind: toolId), \(bind: backend), \(bind: model), 'queued', \(bind: now), \(bind: purpose.rawValue))
            ON CONFLICT DO NOTHING
            RETURNING *
            """)
        {
            try await JobQueue(sql).enqueue(
                kind: PanelJob.kind, payload: PanelJob.payload(runId: created.id), dedupeKey: "panel-run:\(created.id)",
                runAt: now, maxAttempts: 4, now: now)
            return (created, true)
        }
        guard let existing = try await unfinishedRun(toolId: toolId) else {
            throw DatabaseError.migrationFailed("Tool \(toolId) could not be queued and has no unfinished run.")
        }
        // The run and its job are two statements: a process that stopped between them left a run
        // no worker would ever pick up, and that blocks every later run of the tool. The job's
        // dedupe key makes this a no-op when the job exists.
        try await JobQueue(sql).enqueue(
            kind: PanelJob.kind, payload: PanelJob.payload(runId: existing.id), dedupeKey: "panel-run:\(existing.id)",
            runAt: now, maxAttempts: 4, now: now)
        return (existing, false)
    }

    public func unfinishedRun(toolId: Int) async throws -> PanelRunRow? {
        try await sql.firstRow("""
            SELECT * FROM panel_runs WHERE tool_id = \(bind: toolId) AND status IN ('queued', 'running') LIMIT 1
            """)
    }

    public func run(id: Int) async throws -> PanelRunRow? {
        try await sql.firstRow("SELECT * FROM panel_runs WHERE id = \(bind: id)")
    }

    /// Every run of a tool, newest first.
    public func runs(toolId: Int) async throws -> [PanelRunRow] {
        try await sql.rows("SELECT * FROM panel_runs WHERE tool_id = \(bind: toolId) ORDER BY queued_at DESC, id DESC")
    }

    /// The latest runs across the site, newest first: what the worker has been doing.
    public func recentRuns(limit: Int) async throws -> [PanelRunRow] {
        try await sql.rows("""
            SELECT * FROM panel_runs WHERE backend <> 'editorial' ORDER BY queued_at DESC, id DESC LIMIT \(bind: limit)
            """)
    }

    public func markRunning(runId: Int, now: Date = Date()) async throws {
        try await sql.raw("""
            UPDATE panel_runs SET status = 'running', attempts = attempts + 1, error = NULL,
                started_at = COALESCE(started_at, \(bind: now))
            WHERE id = \(bind: runId) AND status IN ('queued', 'running')
            """).run()
    }

    /// Back to the queue after a failure worth retrying; `reason` is shown while it waits.
    public func markWaiting(runId: Int, reason: String) async throws {
        try await sql.raw("""
            UPDATE panel_runs SET status = 'queued', error = \(bind: reason)
            WHERE id = \(bind: runId) AND status IN ('queued', 'running')
            """).run()
    }

    public func markFailed(runId: Int, reason: String, now: Date = Date()) async throws {
        try await sql.raw("""
            UPDATE panel_runs SET status = 'failed', error = \(bind: reason), finished_at = \(bind: now)
            WHERE id = \(bind: runId) AND status IN ('queued', 'running')
            """).run()
        try await clearDrafts(runId: runId)
    }

    public func markComplete(runId: Int, now: Date = Date()) async throws {
        try await sql.raw("""
            UPDATE panel_runs SET status = 'complete', error = NULL, finished_at = \(bind: now)
            WHERE id = \(bind: runId) AND status IN ('queued', 'running')
            """).run()
        try await clearDrafts(runId: runId)
    }

    /// Stores one validated review and adds its tokens to the run. Storing the same persona's review
    /// for the same run twice (a retried job) keeps the first and changes nothing.
    @discardableResult
    public func store(_ review: ModelReview, runId: Int, now: Date = Date()) async throws -> Bool {
        let inserted = try await sql.raw("""
            INSERT INTO reviews (run_id, persona_id, score, verdict, text, source, model, prompt_version,
                input_tokens, output_tokens, created_at, claims, same_vendor)
            VALUES (\(bind: runId), \(bind: review.personaId), \(bind: review.score), \(bind: review.verdict.rawValue),
                \(bind: review.text), 'model', \(bind: review.model), \(bind: review.promptVersion),
                \(bind: review.usage.inputTokens), \(bind: review.usage.outputTokens), \(bind: now),
                \(bind: Claim.encode(review.claims)), \(bind: review.sameVendor))
            ON CONFLICT (run_id, persona_id) DO NOTHING
            RETURNING id
            """).first() != nil
        guard inserted else { return false }
        let usage = review.usage
        try await sql.raw("""
            UPDATE panel_runs SET model = CASE WHEN backend = 'mixed' THEN model ELSE \(bind: review.model) END,
                input_tokens = input_tokens + \(bind: usage.inputTokens),
                output_tokens = output_tokens + \(bind: usage.outputTokens),
                cache_creation_input_tokens = cache_creation_input_tokens + \(bind: usage.cacheCreationInputTokens),
                cache_read_input_tokens = cache_read_input_tokens + \(bind: usage.cacheReadInputTokens)
            WHERE id = \(bind: runId)
            """).run()
        return true
    }

    /// How many reviews each of `runIds` holds, in one query (runs without reviews are absent).
    public func reviewCounts(runIds: [Int]) async throws -> [Int: Int] {
        guard !runIds.isEmpty else { return [:] }
        struct Row: Decodable { var runId: Int; var n: Int }
        let rows: [Row] = try await sql.rows("""
            SELECT run_id, COUNT(*) AS n FROM reviews WHERE run_id IN (\(binds: runIds)) GROUP BY run_id
            """)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.runId, $0.n) })
    }

    /// Reviews of a run with their personas, in panel order.
    public func reviews(runId: Int) async throws -> [PanelReview] {
        try await sql.rows("""
            SELECT p.slug AS persona_slug, p.name AS persona_name, p.position AS persona_position,
                   r.score, r.verdict, r.text, r.source, r.model, r.prompt_version, r.created_at, r.run_id, r.claims, r.same_vendor
            FROM reviews r JOIN personas p ON p.id = r.persona_id
            WHERE r.run_id = \(bind: runId)
            ORDER BY p.position, p.name
            """)
    }

    /// Tools whose panel is out of date: no complete run, a latest run finished before `before`, or
    /// a latest run missing an active persona or written with an older version of its prompt.
    public func staleToolIds(before: Date) async throws -> [Int] {
        struct Row: Decodable { var id: Int }
        let rows: [Row] = try await sql.rows("""
            WITH latest AS (
                SELECT pr.tool_id, pr.id AS run_id, pr.finished_at FROM panel_runs pr
                WHERE pr.status = 'complete' AND pr.purpose = 'verdict' AND NOT EXISTS (
                    SELECT 1 FROM panel_runs newer WHERE newer.tool_id = pr.tool_id AND newer.status = 'complete' AND newer.purpose = 'verdict'
                      AND (newer.finished_at > pr.finished_at OR (newer.finished_at = pr.finished_at AND newer.id > pr.id))))
            SELECT t.id FROM tools t LEFT JOIN latest l ON l.tool_id = t.id
            WHERE l.run_id IS NULL OR l.finished_at < \(bind: before)
               OR EXISTS (
                    SELECT 1 FROM personas p WHERE p.active AND NOT EXISTS (
                        SELECT 1 FROM reviews r WHERE r.run_id = l.run_id AND r.persona_id = p.id
                          AND r.prompt_version = p.prompt_version))
            ORDER BY t.id
            """)
        return rows.map(\.id)
    }

    /// Tools with no panel at all: no complete run and none queued or running.
    public func toolIdsWithoutPanel() async throws -> [Int] {
        struct Row: Decodable { var id: Int }
        let rows: [Row] = try await sql.rows("""
            SELECT t.id FROM tools t
            WHERE NOT EXISTS (SELECT 1 FROM panel_runs r WHERE r.tool_id = t.id AND r.status IN ('complete', 'queued', 'running') AND r.purpose = 'verdict')
            ORDER BY t.id
            """)
        return rows.map(\.id)
    }

    // MARK: Drafts: the text being written, for live views in any process

    public func saveDraft(runId: Int, personaId: Int, text: String, attempt: Int, now: Date = Date()) async throws {
        try await sql.raw("""
            INSERT INTO panel_drafts (run_id, persona_id, text, attempt, updated_at)
            VALUES (\(bind: runId), \(bind: personaId), \(bind: text), \(bind: attempt), \(bind: now))
            ON CONFLICT (run_id, persona_id) DO UPDATE SET text = excluded.text, attempt = excluded.attempt,
                updated_at = excluded.updated_at
            """).run()
    }

    public func drafts(runId: Int) async throws -> [PanelDraft] {
        try await sql.rows("""
            SELECT p.slug AS persona_slug, d.text, d.attempt, d.updated_at
            FROM panel_drafts d JOIN personas p ON p.id = d.persona_id
            WHERE d.run_id = \(bind: runId)
            """)
    }

    public func clearDrafts(runId: Int) async throws {
        try await sql.raw("DELETE FROM panel_drafts WHERE run_id = \(bind: runId)").run()
    }

    public func addUsage(runId: Int, _ usage: TokenUsage) async throws {
        try await sql.raw("""
            UPDATE panel_runs SET input_tokens = input_tokens + \(bind: usage.inputTokens),
                output_tokens = output_tokens + \(bind: usage.outputTokens),
                cache_creation_input_tokens = cache_creation_input_tokens + \(bind: usage.cacheCreationInputTokens),
                cache_read_input_tokens = cache_read_input_tokens + \(bind: usage.cacheReadInputTokens)
            WHERE id = \(bind: runId)
            """).run()
    }
}

public struct PanelDraft: Codable, Sendable, Equatable {
    public var personaSlug: String
    public var text: String
    public var attempt: Int
    public var updatedAt: Date
}
