import Foundation
import SQLKit

/// Reads of the catalog: categories, tools and personas. Handlers call these; they never build SQL.
public struct CatalogQueries: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    public func categories() async throws -> [CategoryRow] {
        try await sql.rows("SELECT id, slug, name, description, position FROM categories ORDER BY position, name")
    }

    public func category(id: Int) async throws -> CategoryRow? {
        try await sql.firstRow("SELECT id, slug, name, description, position FROM categories WHERE id = \(bind: id)")
    }

    public func tool(slug: String) async throws -> ToolRow? {
        try await sql.firstRow("SELECT \(unsafeRaw: ToolRow.columns) FROM tools WHERE slug = \(bind: slug)")
    }

    /// Several tools by slug in one statement (a comparison page's two), in no particular order.
    public func tools(slugs: [String]) async throws -> [ToolRow] {
        guard !slugs.isEmpty else { return [] }
        return try await sql.rows("SELECT \(unsafeRaw: ToolRow.columns) FROM tools WHERE slug IN (\(SQLList(slugs.map { SQLBind($0) })))")
    }

    /// Slug and name of these tools, in no particular order.
    public func toolNames(ids: [Int]) async throws -> [ToolName] {
        guard !ids.isEmpty else { return [] }
        return try await sql.rows("SELECT id, slug, name FROM tools WHERE id IN (\(SQLList(ids.map { SQLBind($0) })))")
    }

    public func toolExists(slug: String) async throws -> Bool {
        try await sql.raw("SELECT 1 AS found FROM tools WHERE slug = \(bind: slug)").first() != nil
    }

    public func tool(id: Int) async throws -> ToolRow? {
        try await sql.firstRow("SELECT \(unsafeRaw: ToolRow.columns) FROM tools WHERE id = \(bind: id)")
    }

    public func tools() async throws -> [ToolRow] {
        try await sql.rows("SELECT \(unsafeRaw: ToolRow.columns) FROM tools ORDER BY name")
    }

    public func tools(categoryId: Int) async throws -> [ToolRow] {
        try await sql.rows("SELECT \(unsafeRaw: ToolRow.columns) FROM tools WHERE category_id = \(bind: categoryId) ORDER BY name")
    }

    /// The first `limit` tools of a category by name (the index on (category_id, name) serves it).
    public func tools(categoryId: Int, limit: Int) async throws -> [ToolRow] {
        try await sql.rows("SELECT \(unsafeRaw: ToolRow.columns) FROM tools WHERE category_id = \(bind: categoryId) ORDER BY name LIMIT \(bind: limit)")
    }

    /// The first `limit` tools of the catalog by name.
    public func tools(limit: Int) async throws -> [ToolRow] {
        try await sql.rows("SELECT \(unsafeRaw: ToolRow.columns) FROM tools ORDER BY name LIMIT \(bind: limit)")
    }

    public func tools(ids: [Int]) async throws -> [ToolRow] {
        guard !ids.isEmpty else { return [] }
        return try await sql.rows("SELECT \(unsafeRaw: ToolRow.columns) FROM tools WHERE id IN (\(SQLList(ids.map { SQLBind($0) })))")
    }

    /// Tools in slug order after `slug` (keyset paging), optionally of one category and pricing model.
    public func tools(afterSlug slug: String?, categoryId: Int?, pricing: PricingModel?, limit: Int) async throws -> [ToolRow] {
        let category: SQLQueryString = categoryId.map { "AND category_id = \(bind: $0)" } ?? ""
        let model: SQLQueryString = pricing.map { "AND pricing_model = \(bind: $0.rawValue)" } ?? ""
        return try await sql.rows("""
            SELECT \(unsafeRaw: ToolRow.columns) FROM tools WHERE slug > \(bind: slug ?? "") \(category) \(model) ORDER BY slug LIMIT \(bind: limit)
            """)
    }

    /// Up to `limit` tools whose slug starts with `prefix` (letters, digits and hyphens only), by name.
    public func tools(slugPrefix prefix: String, limit: Int) async throws -> [ToolRow] {
        let safe = String(prefix.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        return try await sql.rows("SELECT \(unsafeRaw: ToolRow.columns) FROM tools WHERE slug LIKE \(bind: safe + "%") ORDER BY name LIMIT \(bind: limit)")
    }

    /// Only the id, slug and name of the first `limit` tools by name, optionally of one category:
    /// what a picker needs, without decoding whole rows.
    public func toolNames(categoryId: Int? = nil, limit: Int) async throws -> [ToolName] {
        let category: SQLQueryString = categoryId.map { "WHERE category_id = \(bind: $0)" } ?? ""
        return try await sql.rows("SELECT id, slug, name FROM tools \(category) ORDER BY name LIMIT \(bind: limit)")
    }

    /// Tools in id order, a page at a time, with what a sitemap entry needs: the address and when the
    /// tool or its latest verdict last changed.
    public func sitemapTools(categoryId: Int? = nil, limit: Int, offset: Int = 0) async throws -> [SitemapTool] {
        let category: SQLQueryString = categoryId.map { "WHERE t.category_id = \(bind: $0)" } ?? ""
        let rows = try await sql.raw("""
            SELECT t.slug, t.updated_at, \(unsafeRaw: Self.latestVerdictOfT) AS verdict_at
            FROM tools t \(category) ORDER BY t.id LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all()
        return try rows.map { row in
            let updated = try row.decode(column: "updated_at", as: Date.self)
            let verdict = try row.decode(column: "verdict_at", as: Date?.self)
            return SitemapTool(slug: try row.decode(column: "slug", as: String.self), changedAt: max(updated, verdict ?? updated))
        }
    }

    /// When the tool `t` last got a verdict, read through the index on (tool_id, status, finished_at).
    static let latestVerdictOfT = "(SELECT MAX(r.finished_at) FROM panel_runs r WHERE r.tool_id = t.id AND r.status = 'complete' AND r.purpose = 'verdict')"

    /// When each category last changed: the latest change of one of its tools or their verdicts.
    public func categoryChanges() async throws -> [Int: Date] {
        let rows = try await sql.raw("""
            SELECT t.category_id, MAX(t.updated_at) AS updated_at,
                   MAX(\(unsafeRaw: Self.latestVerdictOfT)) AS verdict_at
            FROM tools t GROUP BY t.category_id
            """).all()
        var changes: [Int: Date] = [:]
        for row in rows {
            let updated = try row.decode(column: "updated_at", as: Date.self)
            changes[try row.decode(column: "category_id", as: Int.self)] = max(updated, try row.decode(column: "verdict_at", as: Date?.self) ?? updated)
        }
        return changes
    }

    /// Each tool's category, for the leaderboard's per-category fits, without loading whole rows.
    public func toolCategories() async throws -> [Int: Int] {
        struct Row: Decodable { var id: Int; var categoryId: Int }
        let rows: [Row] = try await sql.rows("SELECT id, category_id FROM tools")
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.categoryId) })
    }

    /// How many tools each category holds (categories without tools are missing).
    public func toolCountsByCategory() async throws -> [Int: Int] {
        struct Row: Decodable { var categoryId: Int; var n: Int }
        let rows: [Row] = try await sql.rows("SELECT category_id, COUNT(*) AS n FROM tools GROUP BY category_id")
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.categoryId, $0.n) })
    }

    public func toolCount() async throws -> Int {
        try await sql.count("SELECT COUNT(*) AS n FROM tools")
    }

    public func personas() async throws -> [PersonaRow] {
        try await sql.rows("SELECT * FROM personas ORDER BY position, name")
    }
}
