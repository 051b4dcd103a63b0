import Foundation
import SQLKit

public struct PairwiseRunRow: Codable, Sendable, Equatable {
    public var id: Int
    public var toolA: Int
    public var toolB: Int
    public var backend: String
    public var model: String?
    public var status: RunStatus
    public var error: String?
    public var queuedAt: Date
    public var finishedAt: Date?
}

/// One answer of one persona in one order, ready to store.
public struct PairwiseAnswer: Sendable, Equatable {
    public var personaId: Int
    public var firstTool: Int
    public var pick: Int
    public var text: String
    public var model: String
    public var claims: [Claim]

    public init(personaId: Int, firstTool: Int, pick: Int, text: String, model: String, claims: [Claim]) {
        (self.personaId, self.firstTool, self.pick, self.text, self.model, self.claims) = (personaId, firstTool, pick, text, model, claims)
    }
}

/// The job kind that carries a pairwise run; its payload is the run id.
public enum PairwiseJob {
    public static let kind = "pairwise-run"
    public static func payload(runId: Int) -> String { PanelJob.payload(runId: runId) }
}

/// Pairwise runs: queued for comparisons readers open, within a daily budget, and their picks.
public struct PairwiseQueries: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// The pair as stored: lower id first, whatever order the page names them in.
    static func ordered(_ x: Int, _ y: Int) -> (Int, Int) { x < y ? (x, y) : (y, x) }

    /// Queues a pairwise run for the pair unless it has one (queued, running, complete, or failed
    /// within the last day) or today's budget (runs queued since midnight UTC) is spent. Returns the
    /// run queued, nil when none was.
    @discardableResult
    public func request(_ x: Int, _ y: Int, backend: String, model: String?, dailyBudget: Int, now: Date = Date()) async throws -> PairwiseRunRow? {
        guard dailyBudget > 0, x != y else { return nil }
        let (a, b) = Self.ordered(x, y)
        let existing = try await sql.count("""
            SELECT COUNT(*) AS n FROM pairwise_runs WHERE tool_a = \(bind: a) AND tool_b = \(bind: b)
              AND (status <> 'failed' OR finished_at > \(bind: now.addingTimeInterval(-86_400)))
            """)
        guard existing == 0 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = try await sql.count("SELECT COUNT(*) AS n FROM pairwise_runs WHERE queued_at >= \(bind: calendar.startOfDay(for: now))")
        guard today < dailyBudget else { return nil }
        return try await queue(a, b, backend: backend, model: model, now: now)
    }

    /// Queues a run for the pair whatever the budget (`verdicts panel pairwise`); an unfinished one
    /// is kept rather than doubled.
    public func queue(_ x: Int, _ y: Int, backend: String, model: String?, now: Date = Date()) async throws -> PairwiseRunRow? {
        let (a, b) = Self.ordered(x, y)
        guard let run: PairwiseRunRow = try await sql.firstRow("""
            INSERT INTO pairwise_runs (tool_a, tool_b, backend, model, status, queued_at)
            VALUES (\(bind: a), \(bind: b), \(bind: backend), \(bind: model), 'queued', \(bind: now))
            ON CONFLICT DO NOTHING RETURNING *
            """)
        else {
            return try await sql.firstRow("""
                SELECT * FROM pairwise_runs WHERE tool_a = \(bind: a) AND tool_b = \(bind: b) AND status IN ('queued', 'running')
                """)
        }
        try await JobQueue(sql).enqueue(
            kind: PairwiseJob.kind, payload: PairwiseJob.payload(runId: run.id), dedupeKey: "pairwise-run:\(run.id)",
            runAt: now, maxAttempts: 4, now: now)
        return run
    }

    public func run(id: Int) async throws -> PairwiseRunRow? {
        try await sql.firstRow("SELECT * FROM pairwise_runs WHERE id = \(bind: id)")
    }

    public func setStatus(runId: Int, _ status: RunStatus, error: String? = nil, now: Date = Date()) async throws {
        let finished: Date? = status == .complete || status == .failed ? now : nil
        try await sql.raw("""
            UPDATE pairwise_runs SET status = \(bind: status.rawValue), error = \(bind: error), finished_at = \(bind: finished)
            WHERE id = \(bind: runId) AND status IN ('queued', 'running')
            """).run()
        // The drafts were only for the live view; a finished run shows its stored answers.
        if finished != nil { try await clearDrafts(runId: runId) }
    }

    /// Stores one answer; the same persona and order twice (a resumed run) keeps the first.
    public func store(_ answer: PairwiseAnswer, runId: Int, now: Date = Date()) async throws {
        try await sql.raw("""
            INSERT INTO pairwise_picks (run_id, persona_id, first_tool, pick, text, model, claims, created_at)
            VALUES (\(bind: runId), \(bind: answer.personaId), \(bind: answer.firstTool), \(bind: answer.pick), \(bind: answer.text),
                \(bind: answer.model), \(bind: Claim.encode(answer.claims)), \(bind: now))
            ON CONFLICT (run_id, persona_id, first_tool) DO NOTHING
            """).run()
    }

    /// Which (persona, first tool) answers a run already has.
    public func answered(runId: Int) async throws -> Set<[Int]> {
        struct Row: Decodable { var personaId: Int; var firstTool: Int }
        let rows: [Row] = try await sql.rows("SELECT persona_id, first_tool FROM pairwise_picks WHERE run_id = \(bind: runId)")
        return Set(rows.map { [$0.personaId, $0.firstTool] })
    }

    /// The pair's latest complete run with its answers, as the comparison page shows it.
    public func verdict(_ x: Int, _ y: Int) async throws -> PairwiseVerdict? {
        let (a, b) = Self.ordered(x, y)
        guard let run: PairwiseRunRow = try await sql.firstRow("""
            SELECT * FROM pairwise_runs WHERE tool_a = \(bind: a) AND tool_b = \(bind: b) AND status = 'complete'
            ORDER BY finished_at DESC, id DESC LIMIT 1
            """)
        else { return nil }
        let answers: [PairwiseVerdict.Answer] = try await sql.rows("""
            SELECT p.slug AS persona_slug, p.name AS persona_name, pp.first_tool, pp.pick, pp.text, pp.model, pp.claims, pp.created_at
            FROM pairwise_picks pp JOIN personas p ON p.id = pp.persona_id
            WHERE pp.run_id = \(bind: run.id) ORDER BY p.position, p.name, pp.first_tool
            """)
        return PairwiseVerdict(run: run, answers: answers)
    }
}

extension PairwiseQueries {
    /// The pair's run that is queued or running, if any.
    public func pending(_ x: Int, _ y: Int) async throws -> PairwiseRunRow? {
        let (a, b) = Self.ordered(x, y)
        return try await sql.firstRow("""
            SELECT * FROM pairwise_runs WHERE tool_a = \(bind: a) AND tool_b = \(bind: b) AND status IN ('queued', 'running') LIMIT 1
            """)
    }
}
