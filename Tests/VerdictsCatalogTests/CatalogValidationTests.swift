import Foundation
import Testing
import TestSupport
import VerdictsCatalog
import VerdictsCore

/// Broken catalogs: each gets a clear problem naming file, line and field, and nothing is written.
@Suite("Catalog validation")
struct CatalogValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let yaml: String
        /// The exact problem expected, `file:line: subject: message`.
        let expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "bad YAML syntax",
             yaml: "tools:\n  - slug: gpt-4o\n    name: [GPT-4o\n    vendor: OpenAI\n",
             expected: "tools.yaml:4: YAML syntax error"),
        Case(name: "missing field",
             yaml: CatalogFixtures.tools(CatalogFixtures.tool(replace: ["vendor:": ""])),
             expected: "tools.yaml:2: tool 'gpt-4o': vendor is required"),
        Case(name: "mistyped score",
             yaml: CatalogFixtures.tools(CatalogFixtures.tool(replace: ["score:": "        score: high"])),
             expected: "tools.yaml:18: tool 'gpt-4o' review by 'builder': score must be a whole number from 0 to 100"),
        Case(name: "score of 150",
             yaml: CatalogFixtures.tools(CatalogFixtures.tool(replace: ["score:": "        score: 150"])),
             expected: "tools.yaml:18: tool 'gpt-4o' review by 'builder': score must be from 0 to 100 (got 150)"),
        Case(name: "pricing model outside the list",
             yaml: CatalogFixtures.tools(CatalogFixtures.tool(replace: ["pricing_model:": "    pricing_model: cheap"])),
             expected: "tools.yaml:9: tool 'gpt-4o': pricing_model must be one of free, freemium, paid, open-weights"),
        Case(name: "duplicate slug",
             yaml: CatalogFixtures.tools(CatalogFixtures.tool(), CatalogFixtures.tool()),
             expected: "tools.yaml:21: tool 'gpt-4o': slug is already used at tools.yaml:2"),
        Case(name: "unknown category",
             yaml: CatalogFixtures.tools(CatalogFixtures.tool(replace: ["category:": "    category: databases"])),
             expected: "tools.yaml:2: tool 'gpt-4o': category 'databases' does not exist (known: llm-apis)"),
        Case(name: "unknown persona",
             yaml: CatalogFixtures.tools(CatalogFixtures.tool(replace: ["builder:": "      critic:"])),
             expected: "tools.yaml:17: tool 'gpt-4o': review by unknown persona 'critic' (known: builder, skeptic)"),
        Case(name: "misspelt field",
             yaml: CatalogFixtures.tools(CatalogFixtures.tool(replace: ["pricing:": "    pricng: Pay per token."])),
             expected: "tools.yaml:10: tool 'gpt-4o': unknown field 'pricng'"),
        Case(name: "a slug that would break comparison addresses",
             yaml: CatalogFixtures.tools(CatalogFixtures.tool(slug: "gpt-vs-claude")),
             expected: "tools.yaml:2: tool 'gpt-vs-claude': slug 'gpt-vs-claude' must be 2–60 lowercase letters"),
        Case(name: "a date that does not exist",
             yaml: CatalogFixtures.tools(CatalogFixtures.tool(replace: ["launched:": "    launched: 2025-02-30"])),
             expected: "tools.yaml:13: tool 'gpt-4o': launched must be a date written YYYY-MM-DD (got '2025-02-30')"),
        Case(name: "a web address that is not one",
             yaml: CatalogFixtures.tools(CatalogFixtures.tool(replace: ["website:": "    website: javascript:alert(1)"])),
             expected: "tools.yaml:12: tool 'gpt-4o': website must be an http:// or https:// address"),
        Case(name: "a list where a mapping belongs",
             yaml: "tools:\n  - just a string\n",
             expected: "tools.yaml:2: each entry of tools must be a mapping of fields"),
    ]

    @Test("each broken catalog gets a clear problem and changes nothing", arguments: cases)
    func brokenCatalog(_ broken: Case) async throws {
        try await TestDatabase.withFresh { db in
            let importer = CatalogImporter(database: db)
            try await importer.importCatalog(at: try CatalogFixtures.folder(["base.yaml": CatalogFixtures.base]))
            let before = try await TestDatabase.catalogCounts(db)
            let folder = try CatalogFixtures.folder(["tools.yaml": broken.yaml])
            do {
                try await importer.importCatalog(at: folder)
                Issue.record("the import should have failed")
            } catch let error as CatalogImportError {
                let problems = error.problems.map(\.description)
                #expect(problems.contains { $0.hasPrefix(broken.expected) }, "got: \(problems)")
            }
            #expect(try await TestDatabase.catalogCounts(db) == before)
        }
    }

    @Test("every problem in every file is reported at once")
    func reportsEveryProblem() async throws {
        let folder = try CatalogFixtures.folder([
            "a.yaml": CatalogFixtures.base,
            "b.yaml": CatalogFixtures.tools(CatalogFixtures.tool(replace: ["score:": "        score: 150", "license:": ""])),
            "c.yaml": CatalogFixtures.tools(CatalogFixtures.tool(slug: "other", replace: ["verdict:": "        verdict: maybe"])),
        ])
        let (_, problems) = CatalogFiles.read(folder)
        let text = problems.map(\.description)
        #expect(problems.count == 3, "got: \(text)")
        #expect(text.contains { $0.hasPrefix("b.yaml:2: tool 'gpt-4o': license is required") })
        #expect(text.contains { $0.hasPrefix("b.yaml:17: tool 'gpt-4o' review by 'builder': score must be from 0 to 100") })
        #expect(text.contains { $0.hasPrefix("c.yaml:19: tool 'other' review by 'builder': verdict must be one of ship, skip") })
    }

    @Test("a valid file beside a broken one: nothing is written at all")
    func allOrNothing() async throws {
        try await TestDatabase.withFresh { db in
            let folder = try CatalogFixtures.folder([
                "a.yaml": CatalogFixtures.base + "\n" + CatalogFixtures.tools(CatalogFixtures.tool()),
                "b.yaml": CatalogFixtures.tools(CatalogFixtures.tool(slug: "broken", replace: ["name:": ""])),
            ])
            await #expect(throws: CatalogImportError.self) { try await CatalogImporter(database: db).importCatalog(at: folder) }
            #expect(try await TestDatabase.catalogCounts(db).values.allSatisfy { $0 == 0 })
        }
    }

    @Test("a missing path and an empty folder are problems, not crashes")
    func missingPaths() async throws {
        #expect(CatalogFiles.read("/nonexistent/catalog").problems.first?.message == "no such file or folder")
        let empty = try CatalogFixtures.folder([:])
        #expect(CatalogFiles.read(empty).problems.first?.message == "the folder has no .yaml or .yml files")
    }
}

@Suite("Catalog files")
struct CatalogFilesTests {
    @Test("a catalog folder reached through a symbolic link is read like the folder itself")
    func symlinkedFolder() throws {
        let link = try Repository.temporaryFolder().appendingPathComponent("catalog")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: Repository.demoCatalog)
        let (input, problems) = CatalogFiles.read(link.path)
        #expect(problems.isEmpty, "\(problems)")
        #expect(input.tools.count >= 24)
    }
}
