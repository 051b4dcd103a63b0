import Foundation
import Testing
import TestSupport
import VerdictsCore
import VerdictsPanel

@Suite("Panel worker leases")
struct PanelWorkerTests {
    /// Another worker ("B") claims the job as if A's lease had run out.
    static func steal(_ db: AppDatabase) async throws -> JobRow? {
        try await JobQueue(db.sql).claim(worker: "B", kinds: [PanelJob.kind], now: Date().addingTimeInterval(1000), lease: 120)
    }

    @Test("a run whose worker was killed is picked up by another worker once the lease runs out, and completed")
    func killedWorkerRunIsResumed() async throws {
        try await DemoCatalog.withDatabase { db in
            let (queued, jobId) = try await PanelRunnerTests.queue(db)
            let runs = PanelRunQueries(db.sql)
            // Worker A claimed the job, started the run, stored one review, and died.
            let claimedByA = try #require(try await JobQueue(db.sql).claim(worker: "A", kinds: [PanelJob.kind], lease: 120))
            #expect(claimedByA.id == jobId)
            try await runs.markRunning(runId: queued.id)
            let builder = try #require(try await CatalogQueries(db.sql).personas().first)
            try await runs.store(
                ModelReview(
                    personaId: builder.id, score: 70, verdict: .ship, text: Reviews.text(for: "Builder"), model: "m",
                    promptVersion: builder.promptVersion, usage: TokenUsage()),
                runId: queued.id)

            let client = ScriptedLLMClient.valid()
            let workerB = PanelWorker.make(db, client: client, name: "B")
            // While A's lease holds, B finds nothing to do.
            #expect(try await workerB.workOne() == nil)
            #expect(client.calls.count == 0)
            // After it runs out, B takes over and asks only for the three missing reviews.
            #expect(try await workerB.workOne(now: Date().addingTimeInterval(300)) == .complete)
            #expect(client.calls.all == ["Skeptic", "Futurist", "Founder"])
            #expect(try await runs.run(id: queued.id)?.status == .complete)
            #expect(try await runs.reviews(runId: queued.id).count == 4)
            let job = try #require(try await JobQueue(db.sql).job(id: jobId))
            #expect(job.status == .done)
            #expect(job.attempts == 2)
        }
    }

    @Test("a job whose worker died on every allowed attempt fails with its run instead of being taken forever")
    func jobThatKillsWorkersFails() async throws {
        try await DemoCatalog.withDatabase { db in
            let (queued, jobId) = try await PanelRunnerTests.queue(db)
            let jobs = JobQueue(db.sql)
            let maxAttempts = try #require(try await jobs.job(id: jobId)).maxAttempts
            // Each claim is a worker that took the job and died; the next comes after the lease ran out.
            var clock = Date()
            for attempt in 1...maxAttempts {
                let claimed = try await jobs.claim(worker: "dies-\(attempt)", kinds: [PanelJob.kind], now: clock, lease: 120)
                #expect(claimed?.attempts == attempt)
                clock = clock.addingTimeInterval(300)
            }
            #expect(try await jobs.claim(worker: "next", kinds: [PanelJob.kind], now: clock, lease: 120) == nil,
                    "the last attempt's lease ran out: nobody claims it again")
            let client = ScriptedLLMClient.valid()
            #expect(try await PanelWorker.make(db, client: client, name: "sweeper").workOne(now: clock) == nil)
            #expect(client.calls.count == 0)
            #expect(try await jobs.job(id: jobId)?.status == .failed)
            let run = try #require(try await PanelRunQueries(db.sql).run(id: queued.id))
            #expect(run.status == .failed)
            #expect(run.error?.contains("the worker stopped while writing it") == true)
        }
    }

    @Test("a worker whose lease was taken mid-run stops without an error and leaves the run to the new holder")
    func lostLeaseMidRun() async throws {
        try await DemoCatalog.withDatabase { db in
            let (queued, jobId) = try await PanelRunnerTests.queue(db)
            let client = ScriptedLLMClient { call, persona in
                if call == 0 { _ = try await Self.steal(db) }
                return Reviews.json(persona)
            }
            let outcome = try await PanelWorker.make(db, client: client, name: "A").workOne()
            #expect(outcome == nil)
            #expect(client.calls.count == 1)
            let job = try #require(try await JobQueue(db.sql).job(id: jobId))
            #expect(job.status == .running)
            #expect(job.lockedBy == "B")
            #expect(try await PanelRunQueries(db.sql).run(id: queued.id)?.status == .running)
        }
    }

    @Test(
        "a worker that lost its lease does not settle the run it no longer holds",
        arguments: [
            LLMError.unavailable("api.example answered 503", retryAfter: nil),
            LLMError.rejected("api.example answered 400: bad request"),
        ])
    func lostLeaseDoesNotSettle(error: LLMError) async throws {
        try await DemoCatalog.withDatabase { db in
            let (queued, jobId) = try await PanelRunnerTests.queue(db)
            let client = ScriptedLLMClient { call, _ in
                if call == 0 { _ = try await Self.steal(db) }
                throw error
            }
            _ = try await PanelWorker.make(db, client: client, name: "A", policy: .fast(unavailable: 1)).workOne()
            let run = try #require(try await PanelRunQueries(db.sql).run(id: queued.id))
            #expect(run.status == .running, "A settled B's run: \(run.status) \(run.error ?? "")")
            let job = try #require(try await JobQueue(db.sql).job(id: jobId))
            #expect(job.status == .running)
            #expect(job.lockedBy == "B")
        }
    }

    @Test("a worker loop that loses one job's lease goes on to the next job")
    func loopSurvivesLostLease() async throws {
        try await DemoCatalog.withDatabase { db in
            let (first, _) = try await PanelRunnerTests.queue(db, slug: "aider", now: Date().addingTimeInterval(-10))
            let (second, _) = try await PanelRunnerTests.queue(db, slug: try await Self.otherToolSlug(db))
            let client = ScriptedLLMClient { call, persona in
                if call == 0 {
                    let stolen = try await Self.steal(db)
                    #expect(PanelJob.runId(payload: stolen?.payload ?? "") == first.id)
                }
                return Reviews.json(persona)
            }
            let worker = PanelWorker.make(db, client: client, name: "A")
            let loop = Task { await worker.run() }
            let runs = PanelRunQueries(db.sql)
            let deadline = Date().addingTimeInterval(20)
            while try await runs.run(id: second.id)?.status != .complete, Date() < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            loop.cancel()
            await loop.value
            #expect(try await runs.run(id: second.id)?.status == .complete)
            #expect(try await runs.run(id: first.id)?.status == .running)
        }
    }

    static func otherToolSlug(_ db: AppDatabase) async throws -> String {
        try #require(try await CatalogQueries(db.sql).tools().first { $0.slug != "aider" }?.slug)
    }
}
