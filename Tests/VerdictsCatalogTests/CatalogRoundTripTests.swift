import Foundation
import Testing
import TestSupport
import VerdictsCatalog
import VerdictsCore

@Suite("Catalog re-import and export")
struct CatalogRoundTripTests {
    @Test("importing the same catalog twice changes nothing")
    func reimportIsANoOp() async throws {
        try await TestDatabase.withFresh { db in
            let importer = CatalogImporter(database: db)
            try await importer.importCatalog(at: Repository.demoCatalog)
            let before = try await snapshot(db)
            let second = try await importer.importCatalog(at: Repository.demoCatalog)
            #expect(second.changedNothing, "\(second)")
            #expect(second.tools.unchanged >= 24)
            #expect(try await snapshot(db) == before)
        }
    }

    @Test("export writes YAML that re-imports unchanged, and exports identically again")
    func exportRoundTrip() async throws {
        try await TestDatabase.withFresh { first in
            try await CatalogImporter(database: first).importCatalog(at: Repository.demoCatalog)
            let exported = try Repository.temporaryFolder().path
            try await CatalogExporter(database: first).export(to: exported)

            let again = try await CatalogImporter(database: first).importCatalog(at: exported)
            #expect(again.changedNothing, "\(again)")

            let firstFiles = try await CatalogExporter(database: first).render()
            try await TestDatabase.withFresh { second in
                let report = try await CatalogImporter(database: second).importCatalog(at: exported)
                #expect(report.tools.created == again.tools.unchanged)
                let secondFiles = try await CatalogExporter(database: second).render()
                #expect(secondFiles.map(\.0) == firstFiles.map(\.0))
                #expect(secondFiles.map(\.1) == firstFiles.map(\.1))
                #expect(try await snapshot(second, withTimes: false) == snapshot(first, withTimes: false))
            }
        }
    }

    @Test("awkward text survives the round trip: quotes, colons, numbers-as-text, non-ASCII")
    func awkwardText() async throws {
        let tricky = CatalogFixtures.tools(CatalogFixtures.tool(replace: [
            "name:": "    name: \"yes\"",
            "tagline:": "    tagline: 'Quotes \"inside\": and a # hash — plus ünïcode'",
            "license:": "    license: \"2024\"",
            "entry_price:": "    entry_price: \"null\"",
        ]))
        let folder = try CatalogFixtures.folder(["base.yaml": CatalogFixtures.base, "tools.yaml": tricky])
        try await TestDatabase.withFresh { db in
            try await CatalogImporter(database: db).importCatalog(at: folder)
            let exported = try Repository.temporaryFolder().path
            try await CatalogExporter(database: db).export(to: exported)
            let report = try await CatalogImporter(database: db).importCatalog(at: exported)
            #expect(report.changedNothing, "\(report)")
            let tool = try #require(try await CatalogQueries(db.sql).tool(slug: "gpt-4o"))
            #expect(tool.name == "yes" && tool.license == "2024" && tool.entryPrice == "null")
            #expect(tool.tagline == "Quotes \"inside\": and a # hash — plus ünïcode")
        }
    }

    @Test("a changed prompt gets a new persona version; stored reviews keep theirs")
    func promptVersions() async throws {
        try await TestDatabase.withFresh { db in
            let importer = CatalogImporter(database: db)
            let tools = CatalogFixtures.tools(CatalogFixtures.tool())
            try await importer.importCatalog(at: try CatalogFixtures.folder(["a.yaml": CatalogFixtures.base, "t.yaml": tools]))
            let edited = CatalogFixtures.base.replacingOccurrences(of: "You are the Builder.", with: "You are the Builder, terse.")
            let report = try await importer.importCatalog(at: try CatalogFixtures.folder(["a.yaml": edited]))
            #expect(report.personas.updated == 1 && report.personas.unchanged == 1)
            let builder = try #require(try await CatalogQueries(db.sql).personas().first { $0.slug == "builder" })
            #expect(builder.promptVersion == 2)
            let tool = try #require(try await CatalogQueries(db.sql).tool(slug: "gpt-4o"))
            let review = try #require(try await PanelQueries(db.sql).latestPanel(toolId: tool.id).first)
            #expect(review.promptVersion == 1)
        }
    }

    @Test("a changed field updates that tool only")
    func upsertBySlug() async throws {
        try await TestDatabase.withFresh { db in
            let importer = CatalogImporter(database: db)
            let base = try CatalogFixtures.folder(["a.yaml": CatalogFixtures.base])
            try await importer.importCatalog(at: base)
            try await importer.importCatalog(at: try CatalogFixtures.folder([
                "t.yaml": CatalogFixtures.tools(CatalogFixtures.tool(), CatalogFixtures.tool(slug: "other"))]))
            let changed = CatalogFixtures.tools(
                CatalogFixtures.tool(replace: ["entry_price:": "    entry_price: $5 / 1M input tokens"]),
                CatalogFixtures.tool(slug: "other"))
            let report = try await importer.importCatalog(at: try CatalogFixtures.folder(["t.yaml": changed]))
            #expect((report.tools.created, report.tools.updated, report.tools.unchanged) == (0, 1, 1))
            #expect(try await CatalogQueries(db.sql).tool(slug: "gpt-4o")?.entryPrice == "$5 / 1M input tokens")
        }
    }

    /// Everything an import writes, minus ids, in a stable order; `updated_at` only within one database.
    func snapshot(_ db: AppDatabase, withTimes: Bool = true) async throws -> [String] {
        let catalog = CatalogQueries(db.sql)
        var lines = try await catalog.categories().map { "\($0.slug)|\($0.name)|\($0.description)|\($0.position)" }
        lines += try await catalog.personas().map { "\($0.slug)|\($0.name)|\($0.motto)|\($0.rubric)|\($0.systemPrompt)|\($0.promptVersion)" }
        for tool in try await catalog.tools() {
            lines.append("\(tool.slug)|\(tool.name)|\(tool.vendor)|\(tool.tagline)|\(tool.pricing)|\(tool.launchedOn)|\(tool.contextWindow ?? 0)|\(withTimes ? tool.updatedAt.timeIntervalSince1970 : 0)")
            lines += try await PanelQueries(db.sql).latestPanel(toolId: tool.id).map { "\($0.personaSlug)|\($0.score)|\($0.verdict)|\($0.text)|\($0.promptVersion)" }
        }
        return lines
    }
}
