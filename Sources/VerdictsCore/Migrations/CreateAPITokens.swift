struct CreateAPITokens: SQLMigration {
    let droppedTables = ["api_tokens"]

    /// Tokens that integrations send to the public API's write endpoints. Only the SHA-256 of the
    /// secret is stored, so a copy of the database cannot vote; a revoked token stays as a row so
    /// the votes it cast remain attributable in the audit trail.
    func up(_ sql: SQLDialect) -> [String] {
        ["""
        CREATE TABLE api_tokens (
            \(sql.primaryKey),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
            token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
            hint TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at \(sql.timestamp) NOT NULL,
            last_used_at \(sql.timestamp),
            revoked_at \(sql.timestamp)
        )
        """]
    }
}
