struct CreateVotes: SQLMigration {
    let droppedTables = ["tool_votes", "matchup_votes", "vote_events"]

    /// `voter` is `u:<user id>` for a signed-in reader or `a:<random id>` from a signed cookie.
    /// One row per voter and target (changeable, never stackable); `vote_events` is the append-only
    /// audit trail that moderation reads.
    func up(_ sql: SQLDialect) -> [String] {
        ["""
        CREATE TABLE tool_votes (
            \(sql.primaryKey),
            tool_id \(sql.reference) NOT NULL REFERENCES tools(id) ON DELETE CASCADE,
            voter TEXT NOT NULL CHECK (length(voter) BETWEEN 3 AND 80),
            choice TEXT NOT NULL CHECK (choice IN ('ship', 'skip')),
            ip_hash TEXT NOT NULL,
            user_agent_hash TEXT NOT NULL,
            voided BOOLEAN NOT NULL DEFAULT FALSE,
            created_at \(sql.timestamp) NOT NULL,
            updated_at \(sql.timestamp) NOT NULL,
            UNIQUE (voter, tool_id)
        )
        """,
         """
        CREATE TABLE matchup_votes (
            \(sql.primaryKey),
            tool_a_id \(sql.reference) NOT NULL REFERENCES tools(id) ON DELETE CASCADE,
            tool_b_id \(sql.reference) NOT NULL REFERENCES tools(id) ON DELETE CASCADE,
            voter TEXT NOT NULL CHECK (length(voter) BETWEEN 3 AND 80),
            choice TEXT NOT NULL CHECK (choice IN ('a', 'b', 'tie')),
            ip_hash TEXT NOT NULL,
            user_agent_hash TEXT NOT NULL,
            voided BOOLEAN NOT NULL DEFAULT FALSE,
            created_at \(sql.timestamp) NOT NULL,
            updated_at \(sql.timestamp) NOT NULL,
            CHECK (tool_a_id < tool_b_id),
            UNIQUE (voter, tool_a_id, tool_b_id)
        )
        """,
         """
        CREATE TABLE vote_events (
            \(sql.primaryKey),
            kind TEXT NOT NULL CHECK (kind IN ('tool', 'matchup')),
            target TEXT NOT NULL,
            voter TEXT NOT NULL,
            choice TEXT NOT NULL,
            ip_hash TEXT NOT NULL,
            user_agent_hash TEXT NOT NULL,
            created_at \(sql.timestamp) NOT NULL
        )
        """,
         "CREATE INDEX tool_votes_tool ON tool_votes (tool_id, voided)",
         "CREATE INDEX matchup_votes_pair ON matchup_votes (tool_a_id, tool_b_id, voided)",
         "CREATE INDEX vote_events_voter ON vote_events (voter, created_at)"]
    }
}
