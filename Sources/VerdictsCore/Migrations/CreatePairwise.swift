/// The panel's pick between two tools. Each persona is asked "which would you ship with" twice,
/// with the tools in both orders; `first_tool` says which was shown first, `pick` which it chose.
struct CreatePairwise: SQLMigration {
    let droppedTables = ["pairwise_runs", "pairwise_picks"]

    func up(_ sql: SQLDialect) -> [String] {
        ["""
        CREATE TABLE pairwise_runs (
            \(sql.primaryKey),
            tool_a \(sql.reference) NOT NULL REFERENCES tools(id) ON DELETE CASCADE,
            tool_b \(sql.reference) NOT NULL REFERENCES tools(id) ON DELETE CASCADE,
            backend TEXT NOT NULL,
            model TEXT,
            status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'complete', 'failed')),
            error TEXT,
            queued_at \(sql.timestamp) NOT NULL,
            finished_at \(sql.timestamp),
            CHECK (tool_a <> tool_b)
        )
        """,
         "CREATE UNIQUE INDEX pairwise_runs_one_unfinished ON pairwise_runs (tool_a, tool_b) WHERE status IN ('queued', 'running')",
         "CREATE INDEX pairwise_runs_pair ON pairwise_runs (tool_a, tool_b, status)",
         """
        CREATE TABLE pairwise_picks (
            \(sql.primaryKey),
            run_id \(sql.reference) NOT NULL REFERENCES pairwise_runs(id) ON DELETE CASCADE,
            persona_id \(sql.reference) NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
            first_tool \(sql.reference) NOT NULL REFERENCES tools(id) ON DELETE CASCADE,
            pick \(sql.reference) NOT NULL REFERENCES tools(id) ON DELETE CASCADE,
            text TEXT NOT NULL CHECK (length(text) > 0),
            model TEXT,
            claims TEXT NOT NULL DEFAULT '[]',
            created_at \(sql.timestamp) NOT NULL,
            UNIQUE (run_id, persona_id, first_tool)
        )
        """]
    }
}
