import Testing
import TestSupport
import VerdictsCatalog
import VerdictsCore

/// The full-text index follows the catalog: an import that renames a tool is searchable at once,
/// on SQLite (FTS5 kept in step by triggers) and on PostgreSQL (an expression index).
@Suite("Tool search index")
struct ToolSearchTests {
    @Test("search follows inserts and updates")
    func followsImports() async throws {
        try await TestDatabase.withFresh { db in
            let importer = CatalogImporter(database: db)
            let search = makeToolSearch(db)
            try await importer.importCatalog(at: try CatalogFixtures.folder([
                "a.yaml": CatalogFixtures.base, "t.yaml": CatalogFixtures.tools(CatalogFixtures.tool())]))
            #expect(try await search.search("gpt", limit: 5).map(\.slug) == ["gpt-4o"])
            #expect(try await search.search("multimodal", limit: 5).map(\.slug) == ["gpt-4o"], "tagline words match")

            let edited = CatalogFixtures.tools(CatalogFixtures.tool(replace: [
                "name:": "    name: Omnimodel Turbo", "tagline:": "    tagline: A quick general model."]))
            try await importer.importCatalog(at: try CatalogFixtures.folder(["t.yaml": edited]))
            #expect(try await search.search("omnim", limit: 5).map(\.slug) == ["gpt-4o"])
            #expect(try await search.search("multimodal", limit: 5).isEmpty, "the old tagline is gone from the index")
        }
    }

    @Test("what readers type never reaches the query language as syntax")
    func hostileQueries() async throws {
        #expect(searchTerms(#""a" OR b* NEAR(c) -d"#) == ["a", "or", "b", "near", "c", "d"])
        #expect(searchTerms("'; DROP TABLE tools; --").contains("drop"))
        #expect(searchTerms(String(repeating: "word ", count: 100)).count == 8)
        try await TestDatabase.withFresh { db in
            let search = makeToolSearch(db)
            for query in ["\"", "*", "()", "a:* & | !", "\\", "%_%"] {
                let hits = try await search.search(query, limit: 5)
                #expect(hits.isEmpty, "\(query)")
            }
        }
    }
}
