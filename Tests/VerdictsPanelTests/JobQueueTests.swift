import Foundation
import Testing
import TestSupport
import VerdictsCore

@Suite("Job queue")
struct JobQueueTests {
    static let kind = "test-job"

    @Test("enqueueing the same dedupe key twice adds one job")
    func dedupe() async throws {
        try await TestDatabase.withFresh { db in
            let jobs = JobQueue(db.sql)
            let first = try await jobs.enqueue(kind: Self.kind, dedupeKey: "same")
            let second = try await jobs.enqueue(kind: Self.kind, dedupeKey: "same")
            #expect(first != nil)
            #expect(second == nil)
            // Jobs without a key are never merged.
            #expect(try await jobs.enqueue(kind: Self.kind) != nil)
            #expect(try await jobs.enqueue(kind: Self.kind) != nil)
            #expect(try await DemoCatalog.count(db, "jobs") == 3)
        }
    }

    @Test("workers claiming concurrently never get the same job and together get them all")
    func concurrentClaims() async throws {
        try await TestDatabase.withFresh { db in
            let jobs = JobQueue(db.sql)
            let past = Date().addingTimeInterval(-60)
            var ids: Set<Int> = []
            for number in 0..<20 {
                ids.insert(try #require(try await jobs.enqueue(kind: Self.kind, payload: "{\"n\":\(number)}", runAt: past)))
            }
            // A job of another kind and a job not yet due are not claimed.
            try await jobs.enqueue(kind: "other-kind", runAt: past)
            try await jobs.enqueue(kind: Self.kind, runAt: Date().addingTimeInterval(3600))

            let claims = try await withThrowingTaskGroup(of: [(String, Int)].self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var mine: [(String, Int)] = []
                        while let job = try await jobs.claim(worker: "w\(worker)", kinds: [Self.kind], lease: 60) {
                            #expect(job.lockedBy == "w\(worker)")
                            #expect(job.status == .running)
                            #expect(job.attempts == 1)
                            mine.append(("w\(worker)", job.id))
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let claimed = claims.map(\.1)
            #expect(claimed.count == 20, "claimed \(claimed.count) times")
            #expect(Set(claimed) == ids)
            for (worker, id) in claims {
                #expect(try await jobs.job(id: id)?.lockedBy == worker)
            }
            print("\(TestDatabase.engineName): claims per worker \(Dictionary(grouping: claims, by: \.0).mapValues(\.count))")
        }
    }

    @Test("a job whose lease ran out is claimed by another worker, and the first can no longer renew it")
    func expiredLease() async throws {
        try await TestDatabase.withFresh { db in
            let jobs = JobQueue(db.sql)
            let now = Date()
            let id = try #require(try await jobs.enqueue(kind: Self.kind, runAt: now, now: now))
            let first = try #require(try await jobs.claim(worker: "A", kinds: [Self.kind], now: now, lease: 60))
            #expect(first.id == id)

            // Within the lease nobody else gets it, and A can renew.
            #expect(try await jobs.claim(worker: "B", kinds: [Self.kind], now: now.addingTimeInterval(30), lease: 60) == nil)
            #expect(try await jobs.renewLease(id: id, worker: "A", now: now.addingTimeInterval(30)))
            // Renewed at +30 s, it still holds at +80 s.
            #expect(try await jobs.claim(worker: "B", kinds: [Self.kind], now: now.addingTimeInterval(80), lease: 60) == nil)

            let second = try #require(try await jobs.claim(worker: "B", kinds: [Self.kind], now: now.addingTimeInterval(120), lease: 60))
            #expect(second.id == id)
            #expect(second.lockedBy == "B")
            #expect(second.attempts == 2)
            #expect(try await jobs.renewLease(id: id, worker: "A", now: now.addingTimeInterval(121)) == false)
            // A cannot settle it either.
            try await jobs.markDone(id: id, worker: "A")
            #expect(try await jobs.job(id: id)?.status == .running)
            #expect(try await jobs.renewLease(id: id, worker: "B", now: now.addingTimeInterval(122)))
            try await jobs.markDone(id: id, worker: "B")
            let done = try #require(try await jobs.job(id: id))
            #expect(done.status == .done)
            #expect(done.lockedBy == nil)
        }
    }

    @Test("retryOrFail puts a job back until it has used its attempts, then fails it")
    func retryUntilMaxAttempts() async throws {
        try await TestDatabase.withFresh { db in
            let jobs = JobQueue(db.sql)
            var now = Date()
            let id = try #require(try await jobs.enqueue(kind: Self.kind, runAt: now, maxAttempts: 3, now: now))
            for attempt in 1...3 {
                let job = try #require(try await jobs.claim(worker: "w", kinds: [Self.kind], now: now, lease: 60), "attempt \(attempt)")
                #expect(job.attempts == attempt)
                let retryAt = now.addingTimeInterval(10)
                let status = try await jobs.retryOrFail(id: id, worker: "w", error: "down \(attempt)", runAt: retryAt)
                let row = try #require(try await jobs.job(id: id))
                #expect(row.lastError == "down \(attempt)")
                #expect(row.lockedBy == nil)
                if attempt < 3 {
                    #expect(status == .queued)
                    #expect(row.status == .queued)
                    #expect(abs(row.runAt.timeIntervalSince(retryAt)) < 1)
                    // Not due before its time.
                    #expect(try await jobs.claim(worker: "w", kinds: [Self.kind], now: now.addingTimeInterval(5), lease: 60) == nil)
                } else {
                    #expect(status == .failed)
                    #expect(row.status == .failed)
                }
                now = retryAt
            }
            #expect(try await jobs.claim(worker: "w", kinds: [Self.kind], now: now.addingTimeInterval(3600), lease: 60) == nil)
        }
    }
}
