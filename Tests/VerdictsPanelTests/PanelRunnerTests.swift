import Foundation
import Testing
import TestSupport
import VerdictsCore
import VerdictsPanel

@Suite("Panel runner and worker with a scripted model")
struct PanelRunnerTests {
    /// Queues a run for the demo tool and returns it with its job's id.
    static func queue(_ db: AppDatabase, slug: String = "aider", now: Date = Date()) async throws -> (run: PanelRunRow, jobId: Int) {
        let tool = try await DemoCatalog.tool(db, slug: slug)
        let run = try await PanelRunQueries(db.sql).queueRun(toolId: tool.id, backend: "openai", model: "fake-model", now: now).run
        let job = try await db.sql.raw("SELECT id FROM jobs WHERE dedupe_key = \(bind: "panel-run:\(run.id)")").first()
        return (run, try #require(try job?.decode(column: "id", as: Int.self)))
    }

    @Test("an invalid answer is asked again; four reviews are stored, the run completes, the job is done, and every answer's tokens count")
    func invalidThenValid() async throws {
        try await DemoCatalog.withDatabase { db in
            let (queued, jobId) = try await Self.queue(db)
            let client = ScriptedLLMClient { call, persona in call == 0 ? "Sure! Here is my review." : Reviews.json(persona) }
            let feed = PanelLiveFeed()
            let events = feed.subscribe(toolId: queued.toolId)
            let outcome = try await PanelWorker.make(db, client: client, name: "A", feed: feed).workOne()
            #expect(outcome == .complete)
            #expect(client.calls.all == ["Builder", "Builder", "Skeptic", "Futurist", "Founder"])

            let runs = PanelRunQueries(db.sql)
            let run = try #require(try await runs.run(id: queued.id))
            #expect(run.status == .complete)
            #expect(run.error == nil)
            #expect(run.finishedAt != nil)
            #expect(run.model == ScriptedLLMClient.servedModel)
            let usage = ScriptedLLMClient.usage
            #expect(run.inputTokens == 5 * usage.inputTokens)
            #expect(run.outputTokens == 5 * usage.outputTokens)
            #expect(run.cacheCreationInputTokens == 5 * usage.cacheCreationInputTokens)
            #expect(run.cacheReadInputTokens == 5 * usage.cacheReadInputTokens)

            let reviews = try await runs.reviews(runId: queued.id)
            let personas = try await CatalogQueries(db.sql).personas()
            #expect(reviews.map(\.personaSlug) == personas.map(\.slug))
            for review in reviews {
                #expect(review.source == .model)
                #expect(review.model == ScriptedLLMClient.servedModel)
                #expect(review.text == Reviews.text(for: review.personaName))
                #expect(review.promptVersion == personas.first { $0.slug == review.personaSlug }?.promptVersion)
            }
            let job = try #require(try await JobQueue(db.sql).job(id: jobId))
            #expect(job.status == .done)
            #expect(job.lockedBy == nil)
            #expect(try await DemoCatalog.count(db, "panel_drafts") == 0)
            #expect(try await PanelQueries(db.sql).latestCompleteRun(toolId: queued.toolId)?.id == queued.id)

            var seen: [PanelEvent] = []
            for await event in events {
                seen.append(event)
                if case .finished = event { break }
            }
            #expect(seen.first == .started(runId: queued.id))
            #expect(seen.last == .finished(runId: queued.id, status: .complete, error: nil))
            #expect(seen.contains { if case .retrying(_, "builder", let reason) = $0 { reason.contains("not a JSON object") } else { false } })
            #expect(seen.contains { if case .writing(_, "skeptic", let text) = $0 { !text.isEmpty } else { false } })
            #expect(seen.filter { if case .reviewed = $0 { true } else { false } }.count == 4)
        }
    }

    @Test("answers that never validate fail the run with the validator's reason and store nothing")
    func alwaysInvalid() async throws {
        try await DemoCatalog.withDatabase { db in
            let (queued, jobId) = try await Self.queue(db)
            let client = ScriptedLLMClient { _, persona in Reviews.json(persona, score: 10, verdict: "ship") }
            let outcome = try await PanelWorker.make(db, client: client, name: "A", policy: .fast(invalidAnswers: 3)).workOne()
            let problem = ReviewProblem.contradiction(score: 10, verdict: .ship).description
            guard case .failed(let reason)? = outcome else {
                Issue.record("expected failed, got \(String(describing: outcome))")
                return
            }
            #expect(reason.contains(problem))
            #expect(reason.contains("Builder"))
            #expect(client.calls.count == 3)
            let run = try #require(try await PanelRunQueries(db.sql).run(id: queued.id))
            #expect(run.status == .failed)
            #expect(run.error == reason)
            #expect(run.inputTokens == 3 * ScriptedLLMClient.usage.inputTokens)
            #expect(try await PanelRunQueries(db.sql).reviews(runId: queued.id).isEmpty)
            #expect(try await JobQueue(db.sql).job(id: jobId)?.status == .failed)
            #expect(try await DemoCatalog.count(db, "panel_drafts") == 0)
        }
    }

    @Test("a rejected request fails the run at once")
    func rejected() async throws {
        try await DemoCatalog.withDatabase { db in
            let (queued, jobId) = try await Self.queue(db)
            let client = ScriptedLLMClient { _, _ in throw LLMError.rejected("api.example answered 401: invalid key") }
            let outcome = try await PanelWorker.make(db, client: client, name: "A").workOne()
            guard case .failed(let reason)? = outcome else {
                Issue.record("expected failed, got \(String(describing: outcome))")
                return
            }
            #expect(reason.contains("invalid key"))
            #expect(client.calls.count == 1)
            let run = try #require(try await PanelRunQueries(db.sql).run(id: queued.id))
            #expect(run.status == .failed)
            #expect(run.error?.contains("invalid key") == true)
            let job = try #require(try await JobQueue(db.sql).job(id: jobId))
            #expect(job.status == .failed)
            #expect(job.lastError?.contains("invalid key") == true)
        }
    }

    @Test("an unavailable backend puts the job back for later and the run waits; the next try completes it")
    func unavailableRequeues() async throws {
        try await DemoCatalog.withDatabase { db in
            let (queued, jobId) = try await Self.queue(db)
            let client = ScriptedLLMClient { call, persona in
                if call < 2 { throw LLMError.unavailable("api.example answered 529: Overloaded", retryAfter: nil) }
                return Reviews.json(persona)
            }
            let worker = PanelWorker.make(db, client: client, name: "A", policy: .fast(unavailable: 2))
            let before = Date()
            guard case .retryLater(let reason, _)? = try await worker.workOne() else {
                Issue.record("expected retryLater")
                return
            }
            #expect(reason.contains("Overloaded"))
            #expect(client.calls.count == 2)
            let job = try #require(try await JobQueue(db.sql).job(id: jobId))
            #expect(job.status == .queued)
            #expect(job.lockedBy == nil)
            #expect(job.runAt > before.addingTimeInterval(10))
            #expect(job.lastError?.contains("Overloaded") == true)
            let waiting = try #require(try await PanelRunQueries(db.sql).run(id: queued.id))
            #expect(waiting.status == .queued)
            #expect(waiting.error?.hasPrefix("waiting to retry: ") == true)
            #expect(waiting.error?.contains("Overloaded") == true)

            // Not due yet; once it is, the next try completes the run.
            #expect(try await worker.workOne() == nil)
            #expect(try await worker.workOne(now: Date().addingTimeInterval(3600)) == .complete)
            let run = try #require(try await PanelRunQueries(db.sql).run(id: queued.id))
            #expect(run.status == .complete)
            #expect(run.error == nil)
            #expect(run.attempts == 2)
            #expect(try await JobQueue(db.sql).job(id: jobId)?.status == .done)
            #expect(try await JobQueue(db.sql).job(id: jobId)?.attempts == 2)
        }
    }

    @Test("resuming a run that has two of four reviews asks only for the two missing personas")
    func resumeAsksOnlyMissing() async throws {
        try await DemoCatalog.withDatabase { db in
            let (queued, _) = try await Self.queue(db)
            let runs = PanelRunQueries(db.sql)
            let personas = try await CatalogQueries(db.sql).personas()
            try await runs.markRunning(runId: queued.id)
            for persona in personas.prefix(2) {
                try await runs.store(
                    ModelReview(
                        personaId: persona.id, score: 81, verdict: .ship, text: "Earlier: " + Reviews.good, model: "earlier",
                        promptVersion: persona.promptVersion, usage: TokenUsage(inputTokens: 1)),
                    runId: queued.id)
            }
            let client = ScriptedLLMClient.valid()
            let runner = PanelRunner(database: db, client: client, feed: nil, policy: .fast(), logger: db.logger)
            #expect(try await runner.run(runId: queued.id) == .complete)
            #expect(client.calls.all == personas.dropFirst(2).map(\.name))
            let reviews = try await runs.reviews(runId: queued.id)
            #expect(reviews.count == 4)
            #expect(reviews.filter { $0.text.hasPrefix("Earlier: ") }.map(\.personaSlug) == personas.prefix(2).map(\.slug))
            #expect(try await runs.run(id: queued.id)?.inputTokens == 2 + 2 * ScriptedLLMClient.usage.inputTokens)

            // Running a complete run again asks nobody.
            #expect(try await runner.run(runId: queued.id) == .complete)
            #expect(client.calls.count == 2)
        }
    }
}
