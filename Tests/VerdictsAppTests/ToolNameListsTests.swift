import Foundation
import SQLKit
import Testing
import TestSupport
@testable import VerdictsApp
import VerdictsCatalog
import VerdictsCore

@Suite("Tool name lists")
struct ToolNameListsTests {
    @Test("on a large catalog the picker is the tool's category by name, then the catalog by name, 200 in all, without the tool; an edit shows after clear()")
    func pickerOnALargeCatalog() async throws {
        try await TestDatabase.withFresh { db in
            try await CatalogImporter(database: db).importCatalog(at: Repository.demoCatalog)
            var generator = SyntheticCatalog(
                database: db, sizes: .init(tools: 500, reviews: 0, votes: 0, answers: 0, toolsPerCategory: 20), seed: 3)
            _ = try await generator.generate()
            let catalog = CatalogQueries(db.sql)
            let tool = try #require(try await catalog.tools(limit: 1000).last)
            let lists = ToolNameLists()

            let options = try await lists.pickerOptions(for: tool, catalog: catalog)
            let slugs = options.matches(of: /<option value="([^"]+)">/).map { String($0.1) }
            let own = try await catalog.toolNames(categoryId: tool.categoryId, limit: 1000).filter { $0.id != tool.id }.map(\.slug)
            let rest = try await catalog.toolNames(limit: 1000).map(\.slug).filter { $0 != tool.slug && !own.contains($0) }
            #expect(slugs == Array((own + rest).prefix(200)))
            #expect(Set(slugs).count == slugs.count)

            let alternatives = try await lists.alternatives(to: tool, limit: 12, catalog: catalog).map(\.slug)
            #expect(alternatives == Array(own.prefix(12)))

            // A rename made elsewhere waits for the list's time, or for clear() after an edit here.
            let renamed = try #require(own.first)
            try await db.sql.raw("UPDATE tools SET name = \(bind: "AAA <Renamed>") WHERE slug = \(bind: renamed)").run()
            #expect(!(try await lists.pickerOptions(for: tool, catalog: catalog)).contains("AAA"))
            lists.clear()
            #expect(try await lists.pickerOptions(for: tool, catalog: catalog).hasPrefix(#"<option value="\#(renamed)">AAA &lt;Renamed&gt;</option>"#))
        }
    }
}
