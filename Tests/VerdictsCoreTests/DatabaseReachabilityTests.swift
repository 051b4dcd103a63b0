import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLKit
import Testing
@testable import VerdictsCore

/// A database whose statements the test answers by hand, or never: what a server that shut down
/// under a statement looks like to the site.
private final class HeldDatabase: SQLDatabase, @unchecked Sendable {
    let base: any SQLDatabase
    let eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.next()
    let held = NIOLockedValueBox<[EventLoopPromise<Void>]>([])
    init(base: any SQLDatabase) { self.base = base }
    var logger: Logger { base.logger }
    var dialect: any SQLKit.SQLDialect { base.dialect }
    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        held.withLockedValue { $0.append(promise) }
        return promise.futureResult
    }
    /// Answers what is still held, so no promise is left behind (NIO reports those in debug builds).
    func release() { for promise in held.withLockedValue({ $0 }) { promise.succeed(()) } }
}

private let refused = IOError(errnoCode: ECONNREFUSED, reason: "connect")

@Suite struct DatabaseReachabilityTests {
    @Test func whileTheServerIsAwayOnlyAProbeGoesThroughAndASuccessClearsTheMark() throws {
        let reachability = DatabaseReachability(probeInterval: .milliseconds(200))
        try reachability.admit(now: 1_000)
        reachability.record(refused, now: 1_000)
        #expect(reachability.isAway)
        #expect(throws: DatabaseError.self) { try reachability.admit(now: 1_000 + 100_000_000) }
        try reachability.admit(now: 1_000 + 250_000_000)  // the probe
        #expect(throws: DatabaseError.self) { try reachability.admit(now: 1_000 + 260_000_000) }
        reachability.record(nil)
        #expect(!reachability.isAway)
        try reachability.admit(now: 1_000 + 270_000_000)
    }

    @Test func aQueryThatFailsOnItsOwnClearsTheMarkAndARefusalHereLeavesIt() {
        let reachability = DatabaseReachability()
        reachability.record(DatabaseError.migrationFailed("a constraint"))
        reachability.record(DatabaseError.unavailable)
        #expect(!reachability.isAway)
        reachability.record(refused)
        reachability.record(DatabaseError.unavailable)
        #expect(reachability.isAway)
        reachability.record(DatabaseError.migrationFailed("a constraint"))
        #expect(!reachability.isAway)
    }

    @Test func findingTheServerAwayGivesUpOnTheStatementsInFlightOnce() {
        let reachability = DatabaseReachability()
        let gaveUp = NIOLockedValueBox(0)
        _ = reachability.started { gaveUp.withLockedValue { $0 += 1 } }
        let done = reachability.started { gaveUp.withLockedValue { $0 += 100 } }
        reachability.finished(done)
        reachability.record(refused)
        reachability.record(refused)
        #expect(gaveUp.withLockedValue { $0 } == 1)
    }

    @Test func aStatementLeftUnansweredFailsAtItsDeadline() async throws {
        let site = try await AppDatabase.open(.sqliteMemory)
        let held = HeldDatabase(base: site.sql)
        let guarded = ReachabilitySQLDatabase(wrapped: held, reachability: DatabaseReachability(), deadline: .milliseconds(300))
        let started = ContinuousClock.now
        await #expect(throws: Deadline.Missed.self) { try await guarded.raw("SELECT 1").run() }
        #expect(ContinuousClock.now - started < .seconds(3))
        held.release()
        await site.shutdown()
    }

    @Test func aStatementInFlightFailsAtOnceWhenAnotherFindsTheServerAway() async throws {
        let site = try await AppDatabase.open(.sqliteMemory)
        let held = HeldDatabase(base: site.sql)
        let reachability = DatabaseReachability()
        let guarded = ReachabilitySQLDatabase(wrapped: held, reachability: reachability, deadline: .seconds(60))
        let statement = Task { try await guarded.raw("INSERT INTO x VALUES (1)").run() }
        // Held by the database and registered to be given up on: on a loaded machine the second
        // came long enough after the first for `record` to find nothing to fail.
        while held.held.withLockedValue({ $0.isEmpty }) || reachability.inFlightCount == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let started = ContinuousClock.now
        reachability.record(refused)
        await #expect(throws: DatabaseError.self) { try await statement.value }
        #expect(ContinuousClock.now - started < .seconds(3))
        // While away the next statement is refused without reaching the database at all.
        await #expect(throws: DatabaseError.self) { try await guarded.raw("SELECT 1").run() }
        #expect(held.held.withLockedValue { $0.count } == 1)
        held.release()
        await site.shutdown()
    }

    @Test func workThatNeverFinishesIsGivenUpAtTheDeadline() async throws {
        let promise = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: Int.self)
        await #expect(throws: Deadline.Missed.self) {
            // `get()` ignores cancellation, as a driver's stuck future does.
            try await Deadline.run(within: .milliseconds(200), reachability: DatabaseReachability()) { try await promise.futureResult.get() }
        }
        promise.succeed(1)
        #expect(try await Deadline.run(within: .seconds(5), reachability: DatabaseReachability()) { 7 } == 7)
    }
}
