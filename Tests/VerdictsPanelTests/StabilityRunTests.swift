import Foundation
import Testing
import TestSupport
import VerdictsCore
import VerdictsPanel

@Suite("Stability runs: the same panel asked again")
struct StabilityRunTests {
    /// Runs one run of `purpose` for Claude Sonnet 4 with every persona answering `score`.
    static func sit(_ db: AppDatabase, purpose: RunPurpose, score: Int) async throws -> PanelRunRow {
        let tool = try await DemoCatalog.tool(db, slug: PanelIntegrityTests.sonnet)
        let (run, isNew) = try await PanelRunQueries(db.sql).queueRun(toolId: tool.id, backend: "openai", model: "fake-model", purpose: purpose)
        #expect(isNew)
        let client = ScriptedLLMClient { _, persona in
            PanelIntegrityTests.review("It writes up to 64K output tokens.", persona: persona, score: score)
                .replacingOccurrences(of: #""verdict":"ship""#, with: score >= 60 ? #""verdict":"ship""# : #""verdict":"skip""#)
        }
        var worker = PanelWorker(database: db, backend: PanelBackend(client: client), feed: nil, name: "A", logger: db.logger)
        worker.policy = .fast()
        #expect(try await worker.workOne() == .complete)
        return try #require(try await PanelRunQueries(db.sql).run(id: run.id))
    }

    @Test("stability runs never replace the verdict; the published review gets its spread and flips")
    func spreadAndFlips() async throws {
        try await DemoCatalog.withDatabase { db in
            let verdict = try await Self.sit(db, purpose: .verdict, score: 70)
            let toolId = verdict.toolId
            _ = try await Self.sit(db, purpose: .stability, score: 80)
            _ = try await Self.sit(db, purpose: .stability, score: 45)

            let panel = PanelQueries(db.sql)
            #expect(try await panel.latestCompleteRun(toolId: toolId)?.id == verdict.id)
            let reviews = try await StabilityQueries(db.sql).attach(toolId: toolId, reviews: panel.latestPanel(toolId: toolId))
            #expect(reviews.count == 4 && reviews.allSatisfy { $0.score == 70 })
            for review in reviews {
                let stability = try #require(review.stability)
                #expect(stability.reasks == 2)
                #expect(stability.flips == 1, "45 is a skip against a published ship")
                // Population standard deviation of 70, 80 and 45.
                #expect(abs(stability.scoreSpread - 14.719601443879744) < 1e-9)
            }
            let summary = try await StabilityQueries(db.sql).summary()
            #expect(summary.pairs == 4 && summary.tools == 1 && summary.reasks == 8)
            #expect(summary.flipShare == 0.5)
            // The reliability figures read verdicts only: the stability runs' reviews are not a panel.
            let units = try await ReliabilityQueries(db.sql).agreementUnits()
            #expect(units.map(\.count).reduce(0, +) == 128)
        }
    }

    @Test("a model review with no re-asks, and an editorial one, have no stability")
    func none() async throws {
        try await DemoCatalog.withDatabase { db in
            let tool = try await DemoCatalog.tool(db, slug: PanelIntegrityTests.sonnet)
            let editorial = try await StabilityQueries(db.sql).attach(toolId: tool.id, reviews: PanelQueries(db.sql).latestPanel(toolId: tool.id))
            #expect(editorial.allSatisfy { $0.stability == nil })
            _ = try await Self.sit(db, purpose: .verdict, score: 70)
            let fresh = try await StabilityQueries(db.sql).attach(toolId: tool.id, reviews: PanelQueries(db.sql).latestPanel(toolId: tool.id))
            #expect(fresh.count == 4 && fresh.allSatisfy { $0.stability == nil })
        }
    }
}
