struct CreateTools: SQLMigration {
    let droppedTables = ["tools"]

    func up(_ sql: SQLDialect) -> [String] {
        ["""
        CREATE TABLE tools (
            \(sql.primaryKey),
            slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 2 AND 60),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
            vendor TEXT NOT NULL,
            category_id \(sql.reference) NOT NULL REFERENCES categories(id) ON DELETE RESTRICT,
            tagline TEXT NOT NULL,
            best_for TEXT NOT NULL,
            description TEXT NOT NULL,
            pricing_model TEXT NOT NULL CHECK (pricing_model IN ('free', 'freemium', 'paid', 'open-weights')),
            pricing TEXT NOT NULL,
            entry_price TEXT NOT NULL,
            website TEXT NOT NULL,
            launched_on TEXT NOT NULL CHECK (length(launched_on) = 10),
            license TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'beta', 'deprecated', 'retired')),
            context_window BIGINT CHECK (context_window IS NULL OR context_window > 0),
            created_at \(sql.timestamp) NOT NULL,
            updated_at \(sql.timestamp) NOT NULL
        )
        """,
         "CREATE INDEX tools_category ON tools (category_id)"]
    }
}
