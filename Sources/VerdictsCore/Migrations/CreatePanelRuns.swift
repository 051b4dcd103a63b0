struct CreatePanelRuns: SQLMigration {
    let droppedTables = ["panel_runs"]

    /// A run is one panel sitting for one tool: editorial (imported) or written by a model backend.
    func up(_ sql: SQLDialect) -> [String] {
        ["""
        CREATE TABLE panel_runs (
            \(sql.primaryKey),
            tool_id \(sql.reference) NOT NULL REFERENCES tools(id) ON DELETE CASCADE,
            backend TEXT NOT NULL,
            model TEXT,
            status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'complete', 'failed', 'cancelled')),
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            input_tokens BIGINT NOT NULL DEFAULT 0,
            output_tokens BIGINT NOT NULL DEFAULT 0,
            cache_creation_input_tokens BIGINT NOT NULL DEFAULT 0,
            cache_read_input_tokens BIGINT NOT NULL DEFAULT 0,
            error TEXT,
            queued_at \(sql.timestamp) NOT NULL,
            started_at \(sql.timestamp),
            finished_at \(sql.timestamp)
        )
        """,
         "CREATE INDEX panel_runs_tool_status ON panel_runs (tool_id, status, finished_at)"]
    }
}
