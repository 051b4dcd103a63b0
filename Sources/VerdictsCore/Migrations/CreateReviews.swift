struct CreateReviews: SQLMigration {
    let droppedTables = ["reviews"]

    func up(_ sql: SQLDialect) -> [String] {
        ["""
        CREATE TABLE reviews (
            \(sql.primaryKey),
            run_id \(sql.reference) NOT NULL REFERENCES panel_runs(id) ON DELETE CASCADE,
            persona_id \(sql.reference) NOT NULL REFERENCES personas(id) ON DELETE RESTRICT,
            score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
            verdict TEXT NOT NULL CHECK (verdict IN ('ship', 'skip')),
            text TEXT NOT NULL CHECK (length(text) > 0),
            source TEXT NOT NULL CHECK (source IN ('editorial', 'model')),
            model TEXT,
            prompt_version INTEGER NOT NULL CHECK (prompt_version >= 1),
            input_tokens BIGINT NOT NULL DEFAULT 0,
            output_tokens BIGINT NOT NULL DEFAULT 0,
            created_at \(sql.timestamp) NOT NULL,
            UNIQUE (run_id, persona_id)
        )
        """,
         "CREATE INDEX reviews_persona ON reviews (persona_id)"]
    }
}
