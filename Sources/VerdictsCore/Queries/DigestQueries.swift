import Foundation
import SQLKit

public struct DigestRow: Codable, Sendable, Equatable {
    public var id: Int
    public var year: Int
    public var week: Int
    public var subject: String
    /// The body as an HTML fragment with inline styles; the same fragment is mailed and published.
    public var html: String
    public var text: String
    public var createdAt: Date
    public var publishedAt: Date?

    /// `2026-w47`, as in `/newsletter/2026-w47`.
    public var issue: String { String(format: "%04d-w%02d", year, week) }
}

public struct SendRow: Codable, Sendable {
    public var id: Int
    public var subscriberId: Int
    public var email: String
    public var attempts: Int
}

/// Weekly digests and their send log: one row per (digest, subscriber), moved to `sending` before a
/// message leaves and to `sent` after, so a crash never causes a second copy.
public struct DigestQueries: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    public func digest(year: Int, week: Int) async throws -> DigestRow? {
        try await sql.firstRow("SELECT * FROM digests WHERE year = \(bind: year) AND week = \(bind: week)")
    }

    public func published() async throws -> [DigestRow] {
        try await sql.rows("SELECT * FROM digests WHERE published_at IS NOT NULL ORDER BY year DESC, week DESC")
    }

    /// Stores the week's digest once; a digest that exists is kept as it was first written, so
    /// every subscriber of a week gets the same issue.
    public func create(year: Int, week: Int, subject: String, html: String, text: String, now: Date = Date()) async throws -> DigestRow {
        try await sql.raw("""
            INSERT INTO digests (year, week, subject, html, text, created_at, published_at)
            VALUES (\(bind: year), \(bind: week), \(bind: subject), \(bind: html), \(bind: text), \(bind: now), \(bind: now))
            ON CONFLICT (year, week) DO NOTHING
            """).run()
        return try await digest(year: year, week: week)!
    }

    /// Adds a send row for every confirmed subscriber who has none for this digest yet.
    public func enqueueSends(digestId: Int) async throws {
        try await sql.raw("""
            INSERT INTO digest_sends (digest_id, subscriber_id, status, attempts)
            SELECT \(bind: digestId), id, 'pending', 0 FROM subscribers WHERE status = 'confirmed'
            ON CONFLICT (digest_id, subscriber_id) DO NOTHING
            """).run()
    }

    /// Claims the next message to send: pending, or failed in an earlier run (`runStart`) and due
    /// another try. Returns nil when none is left. The claim is one UPDATE, so two senders never
    /// take the same row.
    public func claimNext(digestId: Int, maxAttempts: Int, runStart: Date, now: Date = Date()) async throws -> SendRow? {
        while true {
            guard let candidate: SendRow = try await sql.firstRow("""
                SELECT s.id, s.subscriber_id, sub.email, s.attempts FROM digest_sends s JOIN subscribers sub ON sub.id = s.subscriber_id
                WHERE s.digest_id = \(bind: digestId) AND sub.status = 'confirmed'
                  AND (s.status = 'pending'
                       OR (s.status = 'failed' AND s.attempts < \(bind: maxAttempts) AND s.started_at < \(bind: runStart)))
                ORDER BY s.id LIMIT 1
                """) else { return nil }
            let claimed = try await sql.raw("""
                UPDATE digest_sends SET status = 'sending', started_at = \(bind: now), attempts = attempts + 1
                WHERE id = \(bind: candidate.id) AND status IN ('pending', 'failed') RETURNING id
                """).all()
            if !claimed.isEmpty { return candidate }
        }
    }

    public func markSent(sendId: Int, messageId: String, now: Date = Date()) async throws {
        try await sql.raw("""
            UPDATE digest_sends SET status = 'sent', sent_at = \(bind: now), message_id = \(bind: messageId), last_error = NULL
            WHERE id = \(bind: sendId)
            """).run()
    }

    /// A temporary failure is tried again on a later run; a permanent one marks the address undeliverable.
    public func markFailed(sendId: Int, subscriberId: Int, error: String, permanent: Bool) async throws {
        try await sql.raw("""
            UPDATE digest_sends SET status = \(bind: permanent ? "undeliverable" : "failed"), last_error = \(bind: String(error.prefix(500)))
            WHERE id = \(bind: sendId)
            """).run()
        if permanent {
            try await sql.raw("""
                UPDATE subscribers SET status = 'undeliverable', last_error = \(bind: String(error.prefix(500))) WHERE id = \(bind: subscriberId)
                """).run()
        }
    }

    /// Records why a message's fate is unknown, leaving it `sending` so it is never sent twice.
    public func noteUncertain(sendId: Int, error: String) async throws {
        try await sql.raw("UPDATE digest_sends SET last_error = \(bind: String(error.prefix(500))) WHERE id = \(bind: sendId)").run()
    }

    /// How the digest's sends stand, by status.
    public func sendCounts(digestId: Int) async throws -> [String: Int] {
        struct Row: Decodable { var status: String; var n: Int }
        let rows: [Row] = try await sql.rows("SELECT status, COUNT(*) AS n FROM digest_sends WHERE digest_id = \(bind: digestId) GROUP BY status")
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.status, $0.n) })
    }
}
