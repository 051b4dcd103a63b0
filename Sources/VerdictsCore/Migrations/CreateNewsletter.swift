struct CreateNewsletter: SQLMigration {
    let droppedTables = ["subscribers", "digests", "digest_sends"]

    /// `digest_sends` has one row per (digest, subscriber), written before and after each message,
    /// so a send that crashes halfway resumes without duplicates or gaps.
    func up(_ sql: SQLDialect) -> [String] {
        ["""
        CREATE TABLE subscribers (
            \(sql.primaryKey),
            email TEXT NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
            status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed', 'undeliverable')),
            created_at \(sql.timestamp) NOT NULL,
            confirmed_at \(sql.timestamp),
            unsubscribed_at \(sql.timestamp),
            last_error TEXT
        )
        """,
         """
        CREATE TABLE digests (
            \(sql.primaryKey),
            year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
            week INTEGER NOT NULL CHECK (week BETWEEN 1 AND 53),
            subject TEXT NOT NULL,
            html TEXT NOT NULL,
            text TEXT NOT NULL,
            created_at \(sql.timestamp) NOT NULL,
            published_at \(sql.timestamp),
            UNIQUE (year, week)
        )
        """,
         """
        CREATE TABLE digest_sends (
            \(sql.primaryKey),
            digest_id \(sql.reference) NOT NULL REFERENCES digests(id) ON DELETE CASCADE,
            subscriber_id \(sql.reference) NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'undeliverable')),
            attempts INTEGER NOT NULL DEFAULT 0,
            message_id TEXT,
            last_error TEXT,
            started_at \(sql.timestamp),
            sent_at \(sql.timestamp),
            UNIQUE (digest_id, subscriber_id)
        )
        """]
    }
}
