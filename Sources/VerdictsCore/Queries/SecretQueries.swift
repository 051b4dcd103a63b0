import Foundation
import SQLKit

public struct SecretQueries: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// The named secret, created on first use. Two instances starting at once both try to insert;
    /// the loser's insert is ignored and both read the one that won.
    public func secret(named name: String) async throws -> String {
        var bytes = SystemRandomNumberGenerator()
        let fresh = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &bytes)) }.joined()
        try await sql.raw("""
            INSERT INTO site_secrets (name, value, created_at) VALUES (\(bind: name), \(bind: fresh), \(bind: Date()))
            ON CONFLICT (name) DO NOTHING
            """).run()
        let row = try await sql.raw("SELECT value FROM site_secrets WHERE name = \(bind: name)").first()
        return try row!.decode(column: "value", as: String.self)
    }
}
