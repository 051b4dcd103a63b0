import NIOConcurrencyHelpers
import NIOCore

/// Gives up waiting on work that may never finish. PostgresNIO (1.33) can leave a statement
/// unanswered forever when the server shuts down under it. A task group cannot help there, since
/// it waits for its children and a future's `get()` ignores cancellation, so the work runs in its
/// own task, and the first of its result, the deadline or `DatabaseReachability` giving up answers
/// the caller. Work given up on is left to finish or hang on its own.
enum Deadline {
    struct Missed: Error, CustomStringConvertible {
        let after: TimeAmount
        var description: String { "The database did not answer within \(after.nanoseconds / 1_000_000_000) s." }
    }

    static func run<T: Sendable>(within limit: TimeAmount?, reachability: DatabaseReachability,
                                 _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let limit else { return try await work() }
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let answered = NIOLockedValueBox(false)
            @Sendable func answer(_ result: Result<T, any Error>) {
                let first = answered.withLockedValue { done in defer { done = true }; return !done }
                if first { continuation.resume(with: result) }
            }
            let ticket = reachability.started { answer(.failure(DatabaseError.unavailable)) }
            let worker = Task {
                do { answer(.success(try await work())) } catch { answer(.failure(error)) }
                reachability.finished(ticket)
            }
            Task {
                try? await Task.sleep(nanoseconds: UInt64(limit.nanoseconds))
                answer(.failure(Missed(after: limit)))
                reachability.finished(ticket)
                worker.cancel()
            }
        }
    }
}
