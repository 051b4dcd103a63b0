import Foundation
import Testing
import TestSupport
import VerdictsCore

@Suite("Panel run queries")
struct PanelRunQueriesTests {
    @Test("queueing a tool twice gives the same run and one job")
    func queueRunTwice() async throws {
        try await DemoCatalog.withDatabase { db in
            let runs = PanelRunQueries(db.sql)
            let tool = try await DemoCatalog.tool(db)
            let (first, firstIsNew) = try await runs.queueRun(toolId: tool.id, backend: "anthropic", model: "claude-test")
            let (second, secondIsNew) = try await runs.queueRun(toolId: tool.id, backend: "anthropic", model: "claude-test")
            #expect(firstIsNew)
            #expect(!secondIsNew)
            #expect(second.id == first.id)
            #expect(first.status == .queued)
            #expect(try await DemoCatalog.count(db, "jobs") == 1)
            let job = try #require(try await JobQueue(db.sql).claim(worker: "w", kinds: [PanelJob.kind], lease: 60))
            #expect(PanelJob.runId(payload: job.payload) == first.id)
            #expect(job.maxAttempts == 4)

            // Running still counts as unfinished; once complete, a new run can be queued.
            try await runs.markRunning(runId: first.id)
            #expect(try await runs.queueRun(toolId: tool.id, backend: "anthropic", model: nil).run.id == first.id)
            try await runs.markComplete(runId: first.id)
            let (third, thirdIsNew) = try await runs.queueRun(toolId: tool.id, backend: "anthropic", model: nil)
            #expect(thirdIsNew)
            #expect(third.id != first.id)
            #expect(try await DemoCatalog.count(db, "jobs") == 2)
        }
    }

    @Test("a queued run left without its job (the process stopped between the two inserts) gets one when queued again")
    func orphanRunGetsItsJob() async throws {
        try await DemoCatalog.withDatabase { db in
            let runs = PanelRunQueries(db.sql)
            let tool = try await DemoCatalog.tool(db)
            let (orphan, _) = try await runs.queueRun(toolId: tool.id, backend: "anthropic", model: nil)
            try await db.sql.raw("DELETE FROM jobs").run()

            let (again, isNew) = try await runs.queueRun(toolId: tool.id, backend: "anthropic", model: nil)
            #expect(again.id == orphan.id)
            #expect(!isNew)
            let job = try #require(try await JobQueue(db.sql).claim(worker: "w", kinds: [PanelJob.kind], lease: 60))
            #expect(PanelJob.runId(payload: job.payload) == orphan.id)
            _ = try await runs.queueRun(toolId: tool.id, backend: "anthropic", model: nil)
            #expect(try await DemoCatalog.count(db, "jobs") == 1)
        }
    }

    @Test("storing the same persona's review twice keeps one review and counts its tokens once")
    func storeTwice() async throws {
        try await DemoCatalog.withDatabase { db in
            let runs = PanelRunQueries(db.sql)
            let tool = try await DemoCatalog.tool(db)
            let persona = try #require(try await CatalogQueries(db.sql).personas().first)
            let run = try await runs.queueRun(toolId: tool.id, backend: "anthropic", model: nil).run
            let usage = TokenUsage(inputTokens: 400, outputTokens: 150, cacheCreationInputTokens: 1800, cacheReadInputTokens: 20)
            let review = ModelReview(
                personaId: persona.id, score: 74, verdict: .ship, text: Reviews.good, model: "claude-served",
                promptVersion: persona.promptVersion, usage: usage)
            #expect(try await runs.store(review, runId: run.id))
            var again = review
            again.score = 20
            again.verdict = .skip
            #expect(try await runs.store(again, runId: run.id) == false)

            let stored = try await runs.reviews(runId: run.id)
            #expect(stored.count == 1)
            #expect(stored.first?.score == 74)
            #expect(stored.first?.source == .model)
            #expect(stored.first?.model == "claude-served")
            let row = try #require(try await runs.run(id: run.id))
            #expect(row.inputTokens == 400)
            #expect(row.outputTokens == 150)
            #expect(row.cacheCreationInputTokens == 1800)
            #expect(row.cacheReadInputTokens == 20)
            #expect(row.model == "claude-served")
        }
    }

    @Test("staleToolIds finds tools whose latest review was written with an older prompt version")
    func staleAfterPromptVersionBump() async throws {
        try await DemoCatalog.withDatabase { db in
            let runs = PanelRunQueries(db.sql)
            let epoch = Date(timeIntervalSince1970: 0)
            let toolIds = try await CatalogQueries(db.sql).tools().map(\.id).sorted()
            let baseline = try await runs.staleToolIds(before: epoch)
            // Every demo tool has a complete editorial panel written with the current prompts.
            #expect(baseline.isEmpty, "stale from the start: \(baseline)")

            let skeptic = try #require(try await CatalogQueries(db.sql).personas().first { $0.slug == "skeptic" })
            try await db.sql.raw("UPDATE personas SET prompt_version = prompt_version + 1 WHERE id = \(bind: skeptic.id)").run()
            #expect(try await runs.staleToolIds(before: epoch) == toolIds)

            // A tool re-reviewed with the new prompts is fresh again.
            let tool = try await DemoCatalog.tool(db)
            let run = try await runs.queueRun(toolId: tool.id, backend: "anthropic", model: nil).run
            try await runs.markRunning(runId: run.id)
            for persona in try await CatalogQueries(db.sql).personas() {
                try await runs.store(
                    ModelReview(
                        personaId: persona.id, score: 70, verdict: .ship, text: Reviews.text(for: persona.name), model: "m",
                        promptVersion: persona.promptVersion, usage: TokenUsage()),
                    runId: run.id)
            }
            try await runs.markComplete(runId: run.id)
            #expect(try await runs.staleToolIds(before: epoch) == toolIds.filter { $0 != tool.id })
            // ... but stale by age when the cut-off is after it finished.
            #expect(try await runs.staleToolIds(before: Date().addingTimeInterval(60)) == toolIds)
        }
    }
}
