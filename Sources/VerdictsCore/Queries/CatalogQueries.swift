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
        try await sql.firstRow("SELECT * FROM tools WHERE slug = \(bind: slug)")
    }

    public func tool(id: Int) async throws -> ToolRow? {
        try await sql.firstRow("SELECT * FROM tools WHERE id = \(bind: id)")
    }

    public func tools() async throws -> [ToolRow] {
        try await sql.rows("SELECT * FROM tools ORDER BY name")
    }

    public func tools(categoryId: Int) async throws -> [ToolRow] {
        try await sql.rows("SELECT * FROM tools WHERE category_id = \(bind: categoryId) ORDER BY name")
    }

    public func toolCount() async throws -> Int {
        try await sql.count("SELECT COUNT(*) AS n FROM tools")
    }

    public func personas() async throws -> [PersonaRow] {
        try await sql.rows("SELECT * FROM personas ORDER BY position, name")
    }
}
