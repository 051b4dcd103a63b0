struct CreateSiteSecrets: SQLMigration {
    let droppedTables = ["site_secrets"]

    /// Secrets every app instance must share (the key that signs voter cookies and CSRF tokens).
    /// Kept in the database so that several instances agree without extra configuration.
    func up(_ sql: SQLDialect) -> [String] {
        ["""
        CREATE TABLE site_secrets (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL CHECK (length(value) >= 32),
            created_at \(sql.timestamp) NOT NULL
        )
        """]
    }
}
