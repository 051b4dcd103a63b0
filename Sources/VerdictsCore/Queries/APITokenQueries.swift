import Foundation
import SQLKit

public struct APITokenRow: Codable, Sendable, Equatable {
    public var id: Int
    public var name: String
    /// The first characters of the secret, so an operator can tell tokens apart without the secret.
    public var hint: String
    public var createdBy: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?
}

/// API tokens for the public API's writes: created by an admin, shown once, stored as a hash,
/// revocable. A token's votes are stored under `t:<id>` voter keys.
public struct APITokenQueries: Sendable {
    let sql: any SQLDatabase

    /// Every secret starts with this, so a leaked one is easy to recognise in logs and scanners.
    public static let prefix = "vdt_"

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// A token's name as typed, trimmed, when it fits the table (1–80 characters on one line); nil otherwise.
    public static func name(_ typed: String) -> String? {
        let name = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...80).contains(name.count), !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
        return name
    }

    /// Creates a token; returns its row and the secret, which is never stored and cannot be shown again.
    public func create(name: String, createdBy: String, now: Date = Date()) async throws -> (APITokenRow, String) {
        let secret = Self.prefix + AccountQueries.newSecret()
        let row: APITokenRow? = try await sql.firstRow("""
            INSERT INTO api_tokens (name, token_hash, hint, created_by, created_at)
            VALUES (\(bind: name), \(bind: AccountQueries.hash(secret)), \(bind: String(secret.prefix(10))), \(bind: createdBy), \(bind: now))
            RETURNING id, name, hint, created_by, created_at, last_used_at, revoked_at
            """)
        guard let row else { throw DatabaseError.migrationFailed("The API token could not be stored.") }
        return (row, secret)
    }

    /// The live token with this secret, or nil for an unknown or revoked one. Marks it used, at most
    /// once a minute, so a busy integration does not write on every request.
    public func authenticate(_ secret: String, now: Date = Date()) async throws -> APITokenRow? {
        guard secret.hasPrefix(Self.prefix), secret.count == Self.prefix.count + 64 else { return nil }
        let hash = AccountQueries.hash(secret)
        guard let row: APITokenRow = try await sql.firstRow("""
            SELECT id, name, hint, created_by, created_at, last_used_at, revoked_at FROM api_tokens
            WHERE token_hash = \(bind: hash) AND revoked_at IS NULL
            """) else { return nil }
        if row.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            try await sql.raw("UPDATE api_tokens SET last_used_at = \(bind: now) WHERE id = \(bind: row.id)").run()
        }
        return row
    }

    /// Every token, newest first, revoked ones included.
    public func all() async throws -> [APITokenRow] {
        try await sql.rows("""
            SELECT id, name, hint, created_by, created_at, last_used_at, revoked_at FROM api_tokens ORDER BY id DESC
            """)
    }

    /// Revokes a token at once on every instance (each request looks it up); false when there is no
    /// such live token.
    @discardableResult
    public func revoke(id: Int, now: Date = Date()) async throws -> Bool {
        try await sql.raw("""
            UPDATE api_tokens SET revoked_at = \(bind: now) WHERE id = \(bind: id) AND revoked_at IS NULL RETURNING id
            """).first() != nil
    }
}
