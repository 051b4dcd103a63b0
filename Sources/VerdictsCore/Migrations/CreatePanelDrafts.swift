/// The text of each review while a model is still writing it. The worker that runs a panel may be
/// another process or another machine than the one serving a reader's live view, so the partial
/// text travels through the database; rows go when the run ends.
struct CreatePanelDrafts: SQLMigration {
    let droppedTables = ["panel_drafts"]

    func up(_ sql: SQLDialect) -> [String] {
        ["""
        CREATE TABLE panel_drafts (
            run_id \(sql.reference) NOT NULL REFERENCES panel_runs(id) ON DELETE CASCADE,
            persona_id \(sql.reference) NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            attempt INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1),
            updated_at \(sql.timestamp) NOT NULL,
            PRIMARY KEY (run_id, persona_id)
        )
        """]
    }
}
