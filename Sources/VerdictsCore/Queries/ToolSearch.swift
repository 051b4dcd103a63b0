import SQLKit

/// A tool that matched a search, best match first.
public struct SearchHit: Codable, Sendable, Equatable {
    public var slug: String
    public var name: String
    public var vendor: String
    public var tagline: String
}

/// Full-text search over tool name, vendor, tagline and description, with prefix matching on the
/// last word so results appear as the reader types. SQLite uses FTS5, PostgreSQL a `tsvector` index.
public protocol ToolSearch: Sendable {
    func search(_ query: String, limit: Int) async throws -> [SearchHit]
}

public func makeToolSearch(_ database: AppDatabase) -> any ToolSearch { makeToolSearch(database.sql, engine: database.engine) }

/// The same over any connection (a transaction, a recording wrapper in the query-plan tests).
public func makeToolSearch(_ sql: any SQLDatabase, engine: DatabaseEngine) -> any ToolSearch {
    switch engine {
    case .sqlite: SQLiteToolSearch(sql: sql)
    case .postgres: PostgresToolSearch(sql: sql)
    }
}

/// Splits what a reader typed into plain words: letters and digits only, so no search syntax
/// (quotes, operators, `*`) from the reader ever reaches the query language.
public func searchTerms(_ query: String) -> [String] {
    let words = query.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    return Array(words.filter { !$0.isEmpty }.prefix(8)).map { String($0.prefix(40)) }
}

struct SQLiteToolSearch: ToolSearch {
    let sql: any SQLDatabase

    func search(_ query: String, limit: Int) async throws -> [SearchHit] {
        let terms = searchTerms(query)
        guard !terms.isEmpty else { return [] }
        // Every word must match; each as a prefix, so "clau son" finds Claude Sonnet.
        let match = terms.map { "\"\($0)\"*" }.joined(separator: " ")
        return try await sql.rows("""
            SELECT t.slug, t.name, t.vendor, t.tagline FROM tools_fts f JOIN tools t ON t.id = f.rowid
            WHERE tools_fts MATCH \(bind: match)
            ORDER BY bm25(tools_fts, 10.0, 4.0, 2.0, 1.0), t.name
            LIMIT \(bind: limit)
            """)
    }
}

struct PostgresToolSearch: ToolSearch {
    let sql: any SQLDatabase

    func search(_ query: String, limit: Int) async throws -> [SearchHit] {
        let terms = searchTerms(query)
        guard !terms.isEmpty else { return [] }
        let match = terms.map { "\($0):*" }.joined(separator: " & ")
        return try await sql.rows("""
            SELECT slug, name, vendor, tagline FROM tools
            WHERE \(unsafeRaw: PostgresSearchIndex.document) @@ to_tsquery('simple', \(bind: match))
            ORDER BY ts_rank(\(unsafeRaw: PostgresSearchIndex.document), to_tsquery('simple', \(bind: match))) DESC, name
            LIMIT \(bind: limit)
            """)
    }
}

enum PostgresSearchIndex {
    /// The document over the columns: the stored column `search_document` is generated from it
    /// (StoreSearchDocument); the first migration indexed the expression itself.
    static let expression = """
        (setweight(to_tsvector('simple', name), 'A') || setweight(to_tsvector('simple', vendor), 'B') || \
        setweight(to_tsvector('simple', tagline), 'C') || setweight(to_tsvector('simple', description), 'D'))
        """
    /// What queries match and rank: the stored column, read rather than computed per row.
    static let document = "search_document"
}
