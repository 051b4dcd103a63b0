struct CreateCategories: SQLMigration {
    let droppedTables = ["categories"]

    func up(_ sql: SQLDialect) -> [String] {
        ["""
        CREATE TABLE categories (
            \(sql.primaryKey),
            slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 2 AND 60),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
            description TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            created_at \(sql.timestamp) NOT NULL,
            updated_at \(sql.timestamp) NOT NULL
        )
        """]
    }
}
