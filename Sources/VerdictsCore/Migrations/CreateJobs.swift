struct CreateJobs: SQLMigration {
    let droppedTables = ["jobs"]

    /// A durable work queue shared by every app instance: a job is claimed by setting `locked_by`
    /// (with `FOR UPDATE SKIP LOCKED` on PostgreSQL); `dedupe_key` makes enqueueing idempotent.
    func up(_ sql: SQLDialect) -> [String] {
        ["""
        CREATE TABLE jobs (
            \(sql.primaryKey),
            kind TEXT NOT NULL,
            payload TEXT NOT NULL DEFAULT '{}',
            dedupe_key TEXT UNIQUE,
            status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            max_attempts INTEGER NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
            run_at \(sql.timestamp) NOT NULL,
            locked_by TEXT,
            locked_at \(sql.timestamp),
            last_error TEXT,
            created_at \(sql.timestamp) NOT NULL,
            updated_at \(sql.timestamp) NOT NULL
        )
        """,
         "CREATE INDEX jobs_ready ON jobs (status, run_at)"]
    }
}
