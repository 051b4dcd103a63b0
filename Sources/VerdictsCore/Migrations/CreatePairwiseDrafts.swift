/// The text of each pairwise answer while the model is still writing it, so a comparison page's
/// live view in any process can show it; like panel drafts, the rows go when the run ends.
struct CreatePairwiseDrafts: SQLMigration {
    let droppedTables = ["pairwise_drafts"]

    func up(_ sql: SQLDialect) -> [String] {
        ["""
        CREATE TABLE pairwise_drafts (
            run_id \(sql.reference) NOT NULL REFERENCES pairwise_runs(id) ON DELETE CASCADE,
            persona_id \(sql.reference) NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
            first_tool \(sql.reference) NOT NULL REFERENCES tools(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            attempt INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1),
            updated_at \(sql.timestamp) NOT NULL,
            PRIMARY KEY (run_id, persona_id, first_tool)
        )
        """]
    }
}
