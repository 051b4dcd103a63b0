struct CreateUsersAndSessions: SQLMigration {
    let droppedTables = ["users", "sessions", "login_tokens"]

    /// Sessions and magic-link tokens are stored as hashes, never as the secret itself, and live in
    /// the database so that several app instances share them.
    func up(_ sql: SQLDialect) -> [String] {
        ["""
        CREATE TABLE users (
            \(sql.primaryKey),
            email TEXT NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
            display_name TEXT,
            role TEXT NOT NULL DEFAULT 'reader' CHECK (role IN ('reader', 'admin')),
            created_at \(sql.timestamp) NOT NULL,
            last_seen_at \(sql.timestamp)
        )
        """,
         """
        CREATE TABLE sessions (
            \(sql.primaryKey),
            token_hash TEXT NOT NULL UNIQUE,
            user_id \(sql.reference) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            created_at \(sql.timestamp) NOT NULL,
            expires_at \(sql.timestamp) NOT NULL
        )
        """,
         """
        CREATE TABLE login_tokens (
            \(sql.primaryKey),
            token_hash TEXT NOT NULL UNIQUE,
            email TEXT NOT NULL,
            created_at \(sql.timestamp) NOT NULL,
            expires_at \(sql.timestamp) NOT NULL,
            used_at \(sql.timestamp)
        )
        """,
         "CREATE INDEX sessions_user ON sessions (user_id)"]
    }
}
