import Foundation
import SQLKit

public enum SubscriberStatus: String, Codable, Sendable {
    case pending, confirmed, unsubscribed, undeliverable
}

public struct SubscriberRow: Codable, Sendable, Equatable {
    public var id: Int
    public var email: String
    public var status: SubscriberStatus
    public var createdAt: Date
    public var confirmedAt: Date?
}

/// Newsletter subscribers and their double opt-in. Addresses are stored lowercased, so one inbox
/// is one subscriber however it was typed.
public struct SubscriberQueries: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    public enum SignupOutcome: Sendable, Equatable {
        /// The address needs a (new) confirmation message.
        case confirmationNeeded(SubscriberRow)
        /// Already confirmed: nothing to send.
        case alreadyConfirmed
    }

    /// Records a signup. A new, pending or unsubscribed address becomes pending (keeping its row);
    /// a confirmed one stays as it is.
    public func signUp(email: String, now: Date = Date()) async throws -> SignupOutcome {
        let email = email.lowercased()
        try await sql.raw("""
            INSERT INTO subscribers (email, status, created_at) VALUES (\(bind: email), 'pending', \(bind: now))
            ON CONFLICT (email) DO NOTHING
            """).run()
        guard var row = try await subscriber(email: email) else { return .alreadyConfirmed }
        switch row.status {
        case .confirmed: return .alreadyConfirmed
        case .pending: return .confirmationNeeded(row)
        case .unsubscribed, .undeliverable:
            try await sql.raw("""
                UPDATE subscribers SET status = 'pending', created_at = \(bind: now), unsubscribed_at = NULL, last_error = NULL
                WHERE id = \(bind: row.id)
                """).run()
            (row.status, row.createdAt) = (.pending, now)
            return .confirmationNeeded(row)
        }
    }

    public func subscriber(email: String) async throws -> SubscriberRow? {
        try await sql.firstRow("SELECT id, email, status, created_at, confirmed_at FROM subscribers WHERE email = \(bind: email.lowercased())")
    }

    public func subscriber(id: Int) async throws -> SubscriberRow? {
        try await sql.firstRow("SELECT id, email, status, created_at, confirmed_at FROM subscribers WHERE id = \(bind: id)")
    }

    /// Confirms a pending subscriber; true when the address is now confirmed.
    public func confirm(id: Int, now: Date = Date()) async throws -> Bool {
        try await sql.raw("""
            UPDATE subscribers SET status = 'confirmed', confirmed_at = \(bind: now) WHERE id = \(bind: id) AND status = 'pending'
            """).run()
        return try await subscriber(id: id)?.status == .confirmed
    }

    public func unsubscribe(id: Int, now: Date = Date()) async throws {
        try await sql.raw("""
            UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = \(bind: now)
            WHERE id = \(bind: id) AND status <> 'unsubscribed'
            """).run()
    }

    /// Deletes signups never confirmed within `age`; returns how many.
    @discardableResult
    public func purgeUnconfirmed(olderThan age: TimeInterval = 7 * 24 * 3600, now: Date = Date()) async throws -> Int {
        try await sql.raw("""
            DELETE FROM subscribers WHERE status = 'pending' AND created_at < \(bind: now.addingTimeInterval(-age)) RETURNING id
            """).all().count
    }
}
