struct CreatePersonas: SQLMigration {
    let droppedTables = ["personas"]

    /// `rubric` is a JSON array of questions; `prompt_version` goes up whenever the prompt or rubric
    /// changes so that each review can say which prompt wrote it.
    func up(_ sql: SQLDialect) -> [String] {
        ["""
        CREATE TABLE personas (
            \(sql.primaryKey),
            slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 2 AND 60),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
            motto TEXT NOT NULL,
            rewards TEXT NOT NULL,
            punishes TEXT NOT NULL,
            rubric TEXT NOT NULL,
            system_prompt TEXT NOT NULL,
            prompt_version INTEGER NOT NULL DEFAULT 1 CHECK (prompt_version >= 1),
            position INTEGER NOT NULL DEFAULT 0,
            active BOOLEAN NOT NULL DEFAULT TRUE,
            created_at \(sql.timestamp) NOT NULL,
            updated_at \(sql.timestamp) NOT NULL
        )
        """]
    }
}
