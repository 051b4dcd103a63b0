import Foundation
import Logging
import NIOConcurrencyHelpers
import VerdictsCore

/// Takes panel-run jobs from the queue and runs them, one at a time. Several workers (in the
/// server, in `verdicts worker`, on other machines) can share one database: each job is claimed by
/// exactly one, and a job whose worker died is claimed again once its lease runs out.
public struct PanelWorker: Sendable {
    let database: AppDatabase
    let backend: PanelBackend
    let feed: PanelLiveFeed?
    public let name: String
    /// How long a claim holds without renewal. Renewed every third of it while a run is working.
    public var lease: TimeInterval = 120
    public var idlePoll: Duration = .seconds(2)
    public var policy = RetryPolicy()
    /// Wait before a job whose backend was unavailable comes back: base × 2^(attempt − 1).
    public var requeueBase: TimeInterval = 30
    let logger: Logger

    public init(database: AppDatabase, backend: PanelBackend, feed: PanelLiveFeed?, name: String? = nil, logger: Logger) {
        self.database = database
        self.backend = backend
        self.feed = feed
        self.name = name ?? "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"
        self.logger = logger
    }

    /// Works until the task is cancelled (the server shutting down).
    public func run() async {
        while !Task.isCancelled, database.isOpen {
            do {
                if try await workOne() == nil { try await Task.sleep(for: idlePoll) }
            } catch is CancellationError {
                return
            } catch {
                logger.error("panel worker: \(describe(error))")
                try? await Task.sleep(for: idlePoll)
            }
        }
    }

    /// Works until none of `runIds` is queued or running any more (for `verdicts panel run`).
    public func drain(runIds: [Int]) async throws {
        let runs = PanelRunQueries(database.sql)
        while true {
            var unfinished = false
            for id in runIds {
                if let run = try await runs.run(id: id), run.status == .queued || run.status == .running { unfinished = true }
            }
            guard unfinished else { return }
            if try await workOne() == nil { try await Task.sleep(for: .milliseconds(500)) }
        }
    }

    /// Claims and runs one due job; nil when there was none, or when another worker took the job
    /// over mid-run (this worker's lease had run out).
    @discardableResult
    public func workOne(now: Date = Date()) async throws -> RunOutcome? {
        let jobs = JobQueue(database.sql)
        for abandoned in try await jobs.failAbandoned(kinds: Self.kinds, now: now, lease: lease) {
            guard let runId = PanelJob.runId(payload: abandoned.payload) else { continue }
            let reason = "the worker stopped while writing it, \(abandoned.attempts) times"
            if abandoned.kind == PairwiseJob.kind {
                try await PairwiseQueries(database.sql).setStatus(runId: runId, .failed, error: reason)
            } else {
                try await PanelRunQueries(database.sql).markFailed(runId: runId, reason: reason)
            }
            logger.warning("\(abandoned.kind) \(runId) failed: \(reason)")
        }
        guard let job = try await jobs.claim(worker: name, kinds: Self.kinds, now: now, lease: lease) else { return nil }
        guard let runId = PanelJob.runId(payload: job.payload) else {
            try await jobs.markFailed(id: job.id, worker: name, error: "the job's payload names no run")
            return .failed("the job's payload names no run")
        }
        if job.kind == PairwiseJob.kind { return try await workPairwise(job: job, runId: runId) }
        let outcome: RunOutcome
        do {
            let clients = try await backend.clients()
            let runner = PanelRunner(database: database, clients: clients, feed: feed, policy: policy, logger: logger)
            outcome = try await withLeaseRenewal(jobId: job.id) { stillMine in
                try await runner.run(runId: runId, stillMine: stillMine)
            }
        } catch is CancellationError {
            // The lease was lost (another worker has the job) or the process is stopping. Only the
            // latter stops the worker, handing the job back; a lost lease must not end `run()`'s loop.
            if Task.isCancelled { throw await putBack(job: job, runId: runId) }
            logger.warning("panel run \(runId): another worker took the job over")
            return nil
        } catch let error as LLMError {
            outcome = .retryLater(error.description, after: nil)
        } catch {
            outcome = .retryLater(describe(error), after: nil)
        }
        // A backend call cut short by the stop reads as a failed call; it is the stop, not the backend.
        if Task.isCancelled { throw await putBack(job: job, runId: runId) }
        try await settle(job: job, runId: runId, outcome: outcome)
        return outcome
    }

    /// Panel runs and pairwise runs share the queue, the lease and the retry rules.
    static let kinds = [PanelJob.kind, PairwiseJob.kind]

    private func workPairwise(job: JobRow, runId: Int) async throws -> RunOutcome? {
        let outcome: RunOutcome
        do {
            let runner = PairwiseRunner(database: database, clients: try await backend.clients(), policy: policy, logger: logger)
            outcome = try await withLeaseRenewal(jobId: job.id) { _ in try await runner.run(runId: runId) }
        } catch is CancellationError {
            if Task.isCancelled { throw await putBack(job: job, runId: runId) }
            return nil
        } catch {
            outcome = .retryLater(describe(error), after: nil)
        }
        if Task.isCancelled { throw await putBack(job: job, runId: runId) }
        let jobs = JobQueue(database.sql)
        let pairs = PairwiseQueries(database.sql)
        guard try await jobs.renewLease(id: job.id, worker: name) else { return nil }
        switch outcome {
        case .complete:
            try await jobs.markDone(id: job.id, worker: name)
        case .failed(let reason):
            try await pairs.setStatus(runId: runId, .failed, error: reason)
            try await jobs.markFailed(id: job.id, worker: name, error: reason)
            logger.warning("pairwise run \(runId) failed: \(reason)")
        case .retryLater(let reason, let after):
            let wait = max(after ?? 0, requeueBase * pow(2, Double(job.attempts - 1)))
            if try await jobs.retryOrFail(id: job.id, worker: name, error: reason, runAt: Date().addingTimeInterval(wait)) == .failed {
                try await pairs.setStatus(runId: runId, .failed, error: "\(reason) (gave up after \(job.attempts) tries)")
            } else {
                try await pairs.setStatus(runId: runId, .queued, error: "waiting to retry: \(reason)")
            }
        }
        return outcome
    }

    /// The process is stopping: the job goes back to the queue for the next worker, which resumes
    /// the run with what is already stored. Runs outside the cancelled task, so the statements are
    /// not cut short too. Returns the error that ends the worker.
    private func putBack(job: JobRow, runId: Int) async -> CancellationError {
        let (database, name, logger) = (self.database, self.name, self.logger)
        let reason = "the worker stopped (its process was shutting down); another worker will continue it"
        await Task {
            do {
                try await JobQueue(database.sql).release(id: job.id, worker: name, reason: reason)
                if job.kind == PairwiseJob.kind {
                    try await PairwiseQueries(database.sql).setStatus(runId: runId, .queued, error: "waiting to retry: \(reason)")
                } else {
                    try await PanelRunQueries(database.sql).markWaiting(runId: runId, reason: "waiting to retry: \(reason)")
                }
                logger.info("\(job.kind) \(runId) put back in the queue: \(reason)")
            } catch {
                logger.warning("\(job.kind) \(runId) could not be put back (\(describe(error))); it is claimed again when its lease runs out")
            }
        }.value
        return CancellationError()
    }

    private func settle(job: JobRow, runId: Int, outcome: RunOutcome) async throws {
        let jobs = JobQueue(database.sql)
        let runs = PanelRunQueries(database.sql)
        // A worker whose lease ran out while it waited on the backend must not settle a run that
        // another worker now holds (retryOrFail would report .failed for a job it cannot update).
        guard try await jobs.renewLease(id: job.id, worker: name) else {
            logger.warning("panel run \(runId): another worker took the job over; leaving it to them")
            return
        }
        let toolId = try await runs.run(id: runId)?.toolId
        switch outcome {
        case .complete:
            try await jobs.markDone(id: job.id, worker: name)
            logger.info("panel run \(runId) complete")
        case .failed(let reason):
            try await runs.markFailed(runId: runId, reason: reason)
            try await jobs.markFailed(id: job.id, worker: name, error: reason)
            if let toolId { feed?.publish(toolId: toolId, .finished(runId: runId, status: .failed, error: reason)) }
            logger.warning("panel run \(runId) failed: \(reason)")
        case .retryLater(let reason, let after):
            let wait = max(after ?? 0, requeueBase * pow(2, Double(job.attempts - 1)))
            let status = try await jobs.retryOrFail(id: job.id, worker: name, error: reason, runAt: Date().addingTimeInterval(wait))
            if status == .failed {
                let final = "\(reason) (gave up after \(job.attempts) tries)"
                try await runs.markFailed(runId: runId, reason: final)
                if let toolId { feed?.publish(toolId: toolId, .finished(runId: runId, status: .failed, error: final)) }
                logger.warning("panel run \(runId) failed: \(final)")
            } else {
                try await runs.markWaiting(runId: runId, reason: "waiting to retry: \(reason)")
                if let toolId { feed?.publish(toolId: toolId, .finished(runId: runId, status: .queued, error: reason)) }
                logger.warning("panel run \(runId) will be retried in \(Int(wait)) s: \(reason)")
            }
        }
    }

    /// Runs `body` while renewing the job's lease in the background. `body` is told, between steps,
    /// whether the job is still this worker's.
    private func withLeaseRenewal<T: Sendable>(
        jobId: Int, _ body: @Sendable (@escaping @Sendable () async throws -> Bool) async throws -> T
    ) async throws -> T {
        let jobs = JobQueue(database.sql)
        let worker = name
        let interval = lease / 3
        let lost = LeaseFlag()
        let renewal = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(interval))
                if Task.isCancelled { return }
                if (try? await jobs.renewLease(id: jobId, worker: worker)) == false { lost.set() }
            }
        }
        defer { renewal.cancel() }
        return try await body {
            guard !lost.isSet else { return false }
            return try await jobs.renewLease(id: jobId, worker: worker)
        }
    }
}

final class LeaseFlag: Sendable {
    private let value = NIOLockedValueBox(false)
    var isSet: Bool { value.withLockedValue { $0 } }
    func set() { value.withLockedValue { $0 = true } }
}
