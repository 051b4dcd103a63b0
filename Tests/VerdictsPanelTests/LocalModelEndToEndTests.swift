import Foundation
import Testing
import TestSupport
import VerdictsCatalog
import VerdictsCore
import VerdictsPanel

/// A real panel on the embedded local model (llama.cpp's server with SmolLM2-135M). `scripts/test`
/// starts the model and sets VERDICTS_E2E_LOCAL_LLM_URL for the SQLite pass, so this runs in CI.
@Suite struct LocalModelEndToEndTests {
    static let url = ProcessInfo.processInfo.environment["VERDICTS_E2E_LOCAL_LLM_URL"]

    @Test(.enabled(if: url != nil, "needs the local model; scripts/test starts it"), .timeLimit(.minutes(10)))
    func aPanelOnTheLocalModelStoresFourValidLabelledReviews() async throws {
        try await TestDatabase.withFresh { db in
            let catalog = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../catalog").standardized.path
            _ = try await CatalogImporter(database: db).importCatalog(at: catalog)
            let settings = ["VERDICTS_LLM_BACKEND": "local", "VERDICTS_LOCAL_LLM_URL": Self.url ?? ""]
            let backend = try PanelBackend { settings[$0] }
            let tool = try #require(try await CatalogQueries(db.sql).tool(slug: "aider"))
            let (run, _) = try await PanelRunQueries(db.sql).queueRun(toolId: tool.id, backend: backend.name, model: backend.modelName)

            let feed = PanelLiveFeed()
            let events = feed.subscribe(toolId: tool.id)
            let timings = Task { () -> [Double] in
                var last = Date()
                var seconds: [Double] = []
                for await event in events {
                    if case .reviewed = event { seconds.append(Date().timeIntervalSince(last)); last = Date() }
                    if case .finished = event { break }
                }
                return seconds
            }
            let started = Date()
            try await PanelWorker(database: db, backend: backend, feed: feed, logger: db.logger).drain(runIds: [run.id])
            let total = Date().timeIntervalSince(started)
            let perReview = await timings.value

            let finished = try #require(try await PanelRunQueries(db.sql).run(id: run.id))
            #expect(finished.status == .complete, "run ended \(finished.status): \(finished.error ?? "")")
            let reviews = try await PanelRunQueries(db.sql).reviews(runId: run.id)
            let personas = try await CatalogQueries(db.sql).personas()
            #expect(reviews.map(\.personaSlug).sorted() == personas.map(\.slug).sorted())
            for review in reviews {
                #expect(review.source == .model)
                #expect(review.model == LocalModel.modelName)
                #expect(review.promptVersion == personas.first { $0.slug == review.personaSlug }?.promptVersion)
                let stored = JSONValue.object(["score": .number(Double(review.score)), "verdict": .string(review.verdict.rawValue), "text": .string(review.text)])
                #expect(try ReviewValidator().validate(json: stored.canonicalText).get().text == review.text)
            }
            // No number goes out unchecked: the stored claims are exactly what the check finds in the
            // text, so every untraced one is marked on the page.
            let category = try await CatalogQueries(db.sql).category(id: tool.categoryId)?.name ?? ""
            let everyTool = CatalogFacts(tools: try await CatalogQueries(db.sql).tools())
            var marked = 0
            for review in reviews {
                let persona = try #require(personas.first { $0.slug == review.personaSlug })
                let checker = ClaimChecker(tool: tool, category: category, catalog: everyTool, context: ClaimQueries.context(of: persona))
                #expect(review.claims == checker.claims(in: review.text), "\(review.personaSlug): \(review.text)")
                if !review.untracedClaims.isEmpty { marked += 1 }
            }
            print("local model: \(reviews.count - marked) reviews clean, \(marked) published with untraced claims marked")
            #expect(finished.outputTokens > 0)
            // The panel verdict of the tool is now this run.
            #expect(try await PanelQueries(db.sql).latestCompleteRun(toolId: tool.id)?.id == run.id)
            print(String(format: "local model: four-persona panel in %.1f s; reviews took %@ s (including refused answers)",
                         total, perReview.map { String(format: "%.1f", $0) }.joined(separator: ", ")))
        }
    }
}
