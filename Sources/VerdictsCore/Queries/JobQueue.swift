import Foundation
import SQLKit

public enum JobStatus: String, Codable, Sendable {
    case queued, running, done, failed
}

public struct JobRow: Codable, Sendable, Equatable {
    public var id: Int
    public var kind: String
    public var payload: String
    public var dedupeKey: String?
    public var status: JobStatus
    public var attempts: Int
    public var maxAttempts: Int
    public var runAt: Date
    public var lockedBy: String?
    public var lockedAt: Date?
    public var lastError: String?
}

/// The durable work queue in the `jobs` table, shared by every worker of every app instance.
///
/// A worker claims a job by stamping it with its name and the time (its lease). While it works it
/// renews the lease; a job whose lease has run out belonged to a worker that crashed or was killed,
/// and the next claim picks it up again. Claiming is one UPDATE over a subquery: on PostgreSQL the
/// subquery takes `FOR UPDATE SKIP LOCKED`, so concurrent workers each get a different job; SQLite
/// has a single writer, which serialises claims on its own.
public struct JobQueue: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    private var lockClause: SQLQueryString {
        sql.dialect.name == "sqlite" ? "" : "FOR UPDATE SKIP LOCKED"
    }

    /// Adds a job; with a `dedupeKey` already in the table, adds nothing and returns nil.
    @discardableResult
    public func enqueue(
        kind: String, payload: String = "{}", dedupeKey: String? = nil, runAt: Date = Date(), maxAttempts: Int = 5,
        now: Date = Date()
    ) async throws -> Int? {
        let row = try await sql.raw("""
            INSERT INTO jobs (kind, payload, dedupe_key, status, attempts, max_attempts, run_at, created_at, updated_at)
            VALUES (\(bind: kind), \(bind: payload), \(bind: dedupeKey), 'queued', 0, \(bind: maxAttempts), \(bind: runAt), \(bind: now), \(bind: now))
            ON CONFLICT (dedupe_key) DO NOTHING
            RETURNING id
            """).first()
        return try row?.decode(column: "id", as: Int.self)
    }

    /// Claims the next job that is due, or one whose lease expired before `staleBefore`. Nil when
    /// there is nothing to do.
    public func claim(worker: String, kinds: [String], now: Date = Date(), lease: TimeInterval) async throws -> JobRow? {
        let staleBefore = now.addingTimeInterval(-lease)
        let claimable: SQLQueryString = """
            kind IN (\(binds: kinds)) AND ((status = 'queued' AND run_at <= \(bind: now))
              OR (status = 'running' AND locked_at < \(bind: staleBefore) AND attempts < max_attempts))
            """
        return try await sql.firstRow("""
            UPDATE jobs SET status = 'running', locked_by = \(bind: worker), locked_at = \(bind: now),
                attempts = attempts + 1, updated_at = \(bind: now)
            WHERE id = (SELECT id FROM jobs WHERE \(claimable) ORDER BY run_at, id LIMIT 1 \(lockClause))
              AND \(claimable)
            RETURNING id, kind, payload, dedupe_key, status, attempts, max_attempts, run_at, locked_by, locked_at, last_error
            """)
    }

    /// Jobs whose worker died (the lease ran out) on their last allowed attempt: a job that kills
    /// every worker that takes it must stop being taken. Marks them failed and returns them.
    public func failAbandoned(kinds: [String], now: Date = Date(), lease: TimeInterval) async throws -> [JobRow] {
        let staleBefore = now.addingTimeInterval(-lease)
        return try await sql.rows("""
            UPDATE jobs SET status = 'failed', locked_by = NULL, locked_at = NULL, updated_at = \(bind: now),
                last_error = 'its worker stopped while running it on every attempt'
            WHERE kind IN (\(binds: kinds)) AND status = 'running' AND locked_at < \(bind: staleBefore)
              AND attempts >= max_attempts
            RETURNING id, kind, payload, dedupe_key, status, attempts, max_attempts, run_at, locked_by, locked_at, last_error
            """)
    }

    /// Renews a lease; false when the job is no longer this worker's (it was reclaimed after the
    /// lease ran out), in which case the worker should stop working on it.
    public func renewLease(id: Int, worker: String, now: Date = Date()) async throws -> Bool {
        let row = try await sql.raw("""
            UPDATE jobs SET locked_at = \(bind: now), updated_at = \(bind: now)
            WHERE id = \(bind: id) AND status = 'running' AND locked_by = \(bind: worker)
            RETURNING id
            """).first()
        return row != nil
    }

    public func markDone(id: Int, worker: String, now: Date = Date()) async throws {
        try await sql.raw("""
            UPDATE jobs SET status = 'done', locked_by = NULL, locked_at = NULL, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND locked_by = \(bind: worker)
            """).run()
    }

    /// Puts a job back in the queue to try again at `runAt`, or marks it failed when it has used
    /// all its attempts. Returns the status it ends in.
    @discardableResult
    public func retryOrFail(id: Int, worker: String, error: String, runAt: Date, now: Date = Date()) async throws -> JobStatus {
        let row = try await sql.raw("""
            UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
                run_at = \(bind: runAt), last_error = \(bind: error), locked_by = NULL, locked_at = NULL,
                updated_at = \(bind: now)
            WHERE id = \(bind: id) AND locked_by = \(bind: worker)
            RETURNING status
            """).first()
        return try row.map { try $0.decode(column: "status", as: JobStatus.self) } ?? .failed
    }

    /// Hands a job back untried, for a worker that is stopping: due at once for the next worker,
    /// and the attempt it was on is given back, since nothing failed.
    public func release(id: Int, worker: String, reason: String, now: Date = Date()) async throws {
        try await sql.raw("""
            UPDATE jobs SET status = 'queued', attempts = attempts - 1, run_at = \(bind: now), last_error = \(bind: reason),
                locked_by = NULL, locked_at = NULL, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND status = 'running' AND locked_by = \(bind: worker)
            """).run()
    }

    public func markFailed(id: Int, worker: String, error: String, now: Date = Date()) async throws {
        try await sql.raw("""
            UPDATE jobs SET status = 'failed', last_error = \(bind: error), locked_by = NULL, locked_at = NULL,
                updated_at = \(bind: now)
            WHERE id = \(bind: id) AND locked_by = \(bind: worker)
            """).run()
    }

    public func job(id: Int) async throws -> JobRow? {
        try await sql.firstRow("""
            SELECT id, kind, payload, dedupe_key, status, attempts, max_attempts, run_at, locked_by, locked_at, last_error
            FROM jobs WHERE id = \(bind: id)
            """)
    }
}
