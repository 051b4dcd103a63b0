import Logging
import NIOConcurrencyHelpers
import NIOCore
import SQLKit

/// The pool's `SQLDatabase`, with every statement admitted and recorded by `DatabaseReachability`,
/// and, with a deadline, failed when the server leaves it unanswered that long (see `Deadline`) or
/// when the server is found away meanwhile. Failing it lets the request answer 503, and lets the
/// pool take the connection back.
struct ReachabilitySQLDatabase: SQLDatabase {
    let wrapped: any SQLDatabase
    let reachability: DatabaseReachability
    let deadline: TimeAmount?

    var logger: Logger { wrapped.logger }
    var eventLoop: any EventLoop { wrapped.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { wrapped.version }
    var dialect: any SQLKit.SQLDialect { wrapped.dialect }
    var queryLogLevel: Logger.Level? { wrapped.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        do { try reachability.admit() } catch { return eventLoop.makeFailedFuture(error) }
        let reachability = self.reachability
        var answer = wrapped.execute(sql: query, onRow)
        if let deadline {
            // A promise of our own that the deadline can fail, since the driver's may never complete.
            // Completing a promise twice is an error, so only the first answer is passed on.
            let promise = answer.eventLoop.makePromise(of: Void.self)
            let once = NIOLockedValueBox(false)
            @Sendable func complete(_ result: Result<Void, any Error>) {
                if once.withLockedValue({ done in defer { done = true }; return !done }) { promise.completeWith(result) }
            }
            let ticket = reachability.started { complete(.failure(DatabaseError.unavailable)) }
            let timer = answer.eventLoop.scheduleTask(in: deadline) { complete(.failure(Deadline.Missed(after: deadline))) }
            answer.whenComplete { result in
                timer.cancel()
                complete(result)
            }
            promise.futureResult.whenComplete { _ in reachability.finished(ticket) }
            answer = promise.futureResult
        }
        return answer.always { result in
            if case .failure(let error) = result { reachability.record(error) } else { reachability.record(nil) }
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try await execute(sql: query, onRow).get()
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await reachability.guarding { try await wrapped.withSession(closure) }
    }
}
