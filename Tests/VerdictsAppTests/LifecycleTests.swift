import Foundation
import Logging
import ServiceLifecycle
import Testing
import TestSupport
@testable import VerdictsApp
import VerdictsCore
import VerdictsPanel

/// A backend that says when it is asked, then never answers: a review in progress at shutdown.
struct NeverAnswers: LLMClient {
    let backend = "openai"
    let model = "slow-model"
    let asked: AsyncStream<Void>.Continuation

    func write(_ prompt: ReviewPrompt, onText: @escaping @Sendable (String) async -> Void) async throws -> LLMAnswer {
        asked.yield()
        try await Task.sleep(for: .seconds(3600))
        throw CancellationError()
    }
}

@Suite("The site's background work as services with a lifecycle")
struct LifecycleTests {
    @Test("on shutdown the panel worker hands its job back untried, and its run waits with the reason")
    func workerPutsJobBack() async throws {
        try await withSiteAndDatabase { _, _, db, _ in
            let tool = try #require(try await CatalogQueries(db.sql).tool(slug: "ollama"))
            let (run, _) = try await PanelRunQueries(db.sql).queueRun(toolId: tool.id, backend: "openai", model: "slow-model")
            let (asked, backendAsked) = AsyncStream.makeStream(of: Void.self)
            let worker = PanelWorkerService(database: db, backend: PanelBackend(client: NeverAnswers(asked: backendAsked)), logger: db.logger)
            let group = ServiceGroup(services: [worker], logger: db.logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                for await _ in asked { break }
                #expect(try await PanelRunQueries(db.sql).run(id: run.id)?.status == .running)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            let job = try #require(try await db.sql.raw("SELECT status, attempts, last_error FROM jobs WHERE kind = 'panel-run'").first())
            #expect(try job.decode(column: "status", as: String.self) == "queued")
            #expect(try job.decode(column: "attempts", as: Int.self) == 0, "the attempt cut short is given back")
            let stopped = try #require(try await PanelRunQueries(db.sql).run(id: run.id))
            #expect(stopped.status == .queued)
            #expect(stopped.error?.contains("the worker stopped (its process was shutting down)") == true)
        }
    }

    @Test("periodic work runs at once, and a shutdown ends its wait and runs what it leaves behind")
    func periodicService() async throws {
        let (ran, didRun) = AsyncStream.makeStream(of: Void.self)
        let stopped = AsyncStream.makeStream(of: Void.self)
        let service = PeriodicService(description: "test work", interval: .seconds(3600), work: { didRun.yield() },
                                      stop: { stopped.continuation.yield(); stopped.continuation.finish() })
        let group = ServiceGroup(services: [service], logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            for await _ in ran { break }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        var stops = 0
        for await _ in stopped.stream { stops += 1 }
        #expect(stops == 1)
    }

    @Test("the services start vote writer first, so a shutdown stops it last, after the panel worker")
    func order() async throws {
        try await withSiteAndDatabase { _, site, _, _ in
            let names = site.services(digestSlot: DigestSlot(weekday: 1, hour: 8)).map { "\($0)" }
            #expect(names == ["vote writer", "panel worker", "leaderboard refit", "housekeeping", "weekly digest check"])
            #expect(site.services(digestSlot: nil).count == 4, "no digest check without a slot")
        }
    }
}
