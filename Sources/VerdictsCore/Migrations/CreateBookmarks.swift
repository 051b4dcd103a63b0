struct CreateBookmarks: SQLMigration {
    let droppedTables = ["bookmarks"]

    func up(_ sql: SQLDialect) -> [String] {
        ["""
        CREATE TABLE bookmarks (
            \(sql.primaryKey),
            user_id \(sql.reference) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            tool_id \(sql.reference) NOT NULL REFERENCES tools(id) ON DELETE CASCADE,
            created_at \(sql.timestamp) NOT NULL,
            UNIQUE (user_id, tool_id)
        )
        """]
    }
}
