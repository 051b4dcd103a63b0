import Crypto
import Foundation
import SQLKit

public enum UserRole: String, Codable, Sendable {
    case reader, admin
}

public struct UserRow: Codable, Sendable, Equatable {
    public var id: Int
    public var email: String
    public var role: UserRole
    public var createdAt: Date
}

/// Accounts, magic-link sign-in and sessions. Only hashes of the secrets are stored: a copy of the
/// database lets nobody sign in. Sessions live in the database so every app instance sees them.
public struct AccountQueries: Sendable {
    let sql: any SQLDatabase

    public static let loginLifetime: TimeInterval = 15 * 60
    public static let sessionLifetime: TimeInterval = 30 * 24 * 3600

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// A new random secret for a link or a cookie (256 bits, hex).
    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    public static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Records a sign-in link for `email`; returns the secret to put in the link.
    public func createLoginToken(email: String, now: Date = Date()) async throws -> String {
        let secret = Self.newSecret()
        try await sql.raw("""
            INSERT INTO login_tokens (token_hash, email, created_at, expires_at)
            VALUES (\(bind: Self.hash(secret)), \(bind: email.lowercased()), \(bind: now), \(bind: now.addingTimeInterval(Self.loginLifetime)))
            """).run()
        return secret
    }

    /// Uses a sign-in link: the address it was sent to, once, within its lifetime; nil otherwise.
    /// One UPDATE marks it used, so two clicks at the same moment cannot both sign in.
    public func redeemLoginToken(_ secret: String, now: Date = Date()) async throws -> String? {
        let row = try await sql.raw("""
            UPDATE login_tokens SET used_at = \(bind: now)
            WHERE token_hash = \(bind: Self.hash(secret)) AND used_at IS NULL AND expires_at > \(bind: now)
            RETURNING email
            """).first()
        return try row?.decode(column: "email", as: String.self)
    }

    /// Whether a link is still usable, without using it (the confirmation page asks this first).
    public func loginTokenIsUsable(_ secret: String, now: Date = Date()) async throws -> Bool {
        try await sql.count("""
            SELECT COUNT(*) AS n FROM login_tokens
            WHERE token_hash = \(bind: Self.hash(secret)) AND used_at IS NULL AND expires_at > \(bind: now)
            """) == 1
    }

    public func user(email: String) async throws -> UserRow? {
        try await sql.firstRow("SELECT id, email, role, created_at FROM users WHERE email = \(bind: email.lowercased())")
    }

    public func user(id: Int) async throws -> UserRow? {
        try await sql.firstRow("SELECT id, email, role, created_at FROM users WHERE id = \(bind: id)")
    }

    /// The account for `email`, created on first sign-in.
    public func findOrCreateUser(email: String, now: Date = Date()) async throws -> UserRow {
        try await sql.raw("""
            INSERT INTO users (email, role, created_at) VALUES (\(bind: email.lowercased()), 'reader', \(bind: now))
            ON CONFLICT (email) DO NOTHING
            """).run()
        guard let user = try await user(email: email) else {
            throw DatabaseError.migrationFailed("The account for \(email) could not be created.")
        }
        return user
    }

    /// Sets a role, creating the account when it does not exist yet.
    @discardableResult
    public func setRole(email: String, _ role: UserRole, now: Date = Date()) async throws -> UserRow {
        let user = try await findOrCreateUser(email: email, now: now)
        try await sql.raw("UPDATE users SET role = \(bind: role.rawValue) WHERE id = \(bind: user.id)").run()
        return UserRow(id: user.id, email: user.email, role: role, createdAt: user.createdAt)
    }

    /// Starts a session; returns the secret for the cookie.
    public func createSession(userId: Int, now: Date = Date()) async throws -> String {
        let secret = Self.newSecret()
        try await sql.raw("""
            INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
            VALUES (\(bind: Self.hash(secret)), \(bind: userId), \(bind: now), \(bind: now.addingTimeInterval(Self.sessionLifetime)))
            """).run()
        try await sql.raw("UPDATE users SET last_seen_at = \(bind: now) WHERE id = \(bind: userId)").run()
        return secret
    }

    /// The signed-in account for a session cookie, if the session exists and has not expired.
    public func sessionUser(_ secret: String, now: Date = Date()) async throws -> UserRow? {
        try await sql.firstRow("""
            SELECT u.id, u.email, u.role, u.created_at FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = \(bind: Self.hash(secret)) AND s.expires_at > \(bind: now)
            """)
    }

    public func endSession(_ secret: String) async throws {
        try await sql.raw("DELETE FROM sessions WHERE token_hash = \(bind: Self.hash(secret))").run()
    }

    /// Forgets used or expired sign-in links and expired sessions.
    @discardableResult
    public func purgeExpired(now: Date = Date()) async throws -> Int {
        let links = try await sql.raw("""
            DELETE FROM login_tokens WHERE expires_at <= \(bind: now) OR used_at IS NOT NULL RETURNING id
            """).all().count
        let sessions = try await sql.raw("DELETE FROM sessions WHERE expires_at <= \(bind: now) RETURNING id").all().count
        return links + sessions
    }

    // MARK: Bookmarks of signed-in readers

    public func bookmarkedTools(userId: Int) async throws -> [ToolRow] {
        try await sql.rows("""
            SELECT t.* FROM bookmarks b JOIN tools t ON t.id = b.tool_id
            WHERE b.user_id = \(bind: userId) ORDER BY b.created_at, t.name
            """)
    }

    /// Adds or removes one bookmark; false when the tool does not exist.
    @discardableResult
    public func setBookmark(userId: Int, slug: String, on: Bool, now: Date = Date()) async throws -> Bool {
        guard let tool = try await CatalogQueries(sql).tool(slug: slug) else { return false }
        if on {
            try await sql.raw("""
                INSERT INTO bookmarks (user_id, tool_id, created_at) VALUES (\(bind: userId), \(bind: tool.id), \(bind: now))
                ON CONFLICT (user_id, tool_id) DO NOTHING
                """).run()
        } else {
            try await sql.raw("DELETE FROM bookmarks WHERE user_id = \(bind: userId) AND tool_id = \(bind: tool.id)").run()
        }
        return true
    }

    /// Adds the bookmarks a reader kept in the browser before signing in; unknown slugs are
    /// skipped. Returns how many were new.
    @discardableResult
    public func mergeBookmarks(userId: Int, slugs: [String], now: Date = Date()) async throws -> Int {
        var added = 0
        for slug in Set(slugs.prefix(200)) {
            let row = try await sql.raw("""
                INSERT INTO bookmarks (user_id, tool_id, created_at)
                SELECT \(bind: userId), id, \(bind: now) FROM tools WHERE slug = \(bind: slug)
                ON CONFLICT (user_id, tool_id) DO NOTHING
                RETURNING id
                """).first()
            if row != nil { added += 1 }
        }
        return added
    }
}
