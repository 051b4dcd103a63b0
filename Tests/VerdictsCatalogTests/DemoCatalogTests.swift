import Foundation
import Testing
import TestSupport
import VerdictsCatalog
import VerdictsCore

/// The demo catalog a fresh install serves: complete, and a verdict rather than a rubber stamp.
@Suite("Demo catalog")
struct DemoCatalogTests {
    @Test("it imports whole: every tool has a review from each of the four personas")
    func importsWhole() async throws {
        try await TestDatabase.withFresh { db in
            let report = try await CatalogImporter(database: db).importCatalog(at: Repository.demoCatalog)
            #expect(report.personas.created == 4)
            #expect(report.categories.created >= 5)
            #expect(report.tools.created >= 24)
            #expect(report.reviews.created == report.tools.created * 4)
            let panels = PanelQueries(db.sql)
            for tool in try await CatalogQueries(db.sql).tools() {
                let reviews = try await panels.latestPanel(toolId: tool.id)
                #expect(Set(reviews.map(\.personaSlug)) == ["builder", "skeptic", "futurist", "founder"], "\(tool.slug)")
                #expect(reviews.allSatisfy { $0.source == .editorial })
            }
        }
    }

    @Test("the tools the site is known for are in it")
    func namedTools() throws {
        let (input, problems) = CatalogFiles.read(Repository.demoCatalog)
        #expect(problems.isEmpty, "\(problems)")
        let slugs = Set(input.tools.map(\.slug))
        for slug in ["claude-4-sonnet", "claude-4-api", "smolvlm2-turbo", "gpt-4o", "gemini-1-5-pro", "paligemma",
                     "mobilevlm", "openai-prompt-caching", "gemini-context-caching"] {
            #expect(slugs.contains(slug), "missing \(slug)")
        }
    }

    @Test("scores differ where tools differ: skips exist and no tool is a unanimous copy of another")
    func verdictsDiffer() throws {
        let (input, _) = CatalogFiles.read(Repository.demoCatalog)
        let reviews = input.tools.flatMap(\.reviews)
        let skips = reviews.filter { $0.verdict == .skip }.count
        #expect(skips >= reviews.count / 5, "only \(skips) skips in \(reviews.count) reviews")
        #expect(Set(reviews.map(\.score)).count >= 30)
        let unanimous = input.tools.filter { tool in tool.reviews.allSatisfy { $0.verdict == .ship } }
        #expect(unanimous.count < input.tools.count / 2)
        for review in reviews {
            let words = review.text.split(whereSeparator: \.isWhitespace).count
            #expect((60...150).contains(words), "\(review.location.file):\(review.location.line) has \(words) words")
        }
        #expect(Set(reviews.map(\.text)).count == reviews.count, "a review text is repeated")
    }
}
