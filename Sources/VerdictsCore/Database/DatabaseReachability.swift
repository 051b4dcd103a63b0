import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// Remembers that the database server could not be reached, so that while it is away requests get
/// their 503 at once instead of each waiting on the connection pool. The pool fails only the request
/// that tried to open a connection; the others queued behind it wait out their whole timeout, and a
/// page of several queries or a batch of votes then took tens of seconds to fail, and kept the
/// queue long after the server was back. While the server is marked away one request in every
/// `probeInterval` still goes through, as a probe; the first that succeeds clears the mark.
///
/// It also holds a way to give up on each statement in flight. When the server is found away, the
/// statements still waiting on it are failed at once: when it shuts down, PostgresNIO (1.33) can
/// leave one unanswered for good, and the vote writer (and every vote after it) waited on it.
final class DatabaseReachability: Sendable {
    private struct State {
        var awaySince: UInt64?
        var lastProbe: UInt64 = 0
        var nextTicket: UInt64 = 0
        var inFlight: [UInt64: @Sendable () -> Void] = [:]
    }

    let probeInterval: UInt64
    private let state = NIOLockedValueBox(State())

    init(probeInterval: TimeAmount = .milliseconds(200)) {
        self.probeInterval = UInt64(probeInterval.nanoseconds)
    }

    var isAway: Bool { state.withLockedValue { $0.awaySince != nil } }

    /// Statements that can be given up on now (tests wait on it: a statement reaches the database
    /// a moment before it is counted here).
    var inFlightCount: Int { state.withLockedValue { $0.inFlight.count } }

    /// Throws `DatabaseError.unavailable` while the server is marked away and this request is not the probe.
    func admit(now: UInt64 = NIODeadline.now().uptimeNanoseconds) throws {
        let admitted = state.withLockedValue { state -> Bool in
            guard state.awaySince != nil else { return true }
            guard now &- state.lastProbe >= probeInterval else { return false }
            state.lastProbe = now
            return true
        }
        if !admitted { throw DatabaseError.unavailable }
    }

    /// Notes how a statement went: an error that shows the server away marks it; an answer from the
    /// server (rows or an error of its own) clears the mark. Marking it gives up on every statement still in flight.
    func record(_ error: (any Error)?, now: UInt64 = NIODeadline.now().uptimeNanoseconds) {
        if let error, Self.saysNothingNew(error) { return }
        let abandoned = state.withLockedValue { state -> [@Sendable () -> Void] in
            guard let error, AppDatabase.isUnavailable(error) else {
                state.awaySince = nil
                return []
            }
            guard state.awaySince == nil else { return [] }
            (state.awaySince, state.lastProbe) = (now, now)
            defer { state.inFlight.removeAll() }
            return Array(state.inFlight.values)
        }
        for giveUp in abandoned { giveUp() }
    }

    /// Keeps `giveUp` until `finished(_:)` is called with the ticket it returns.
    func started(giveUp: @escaping @Sendable () -> Void) -> UInt64 {
        state.withLockedValue { state in
            state.nextTicket += 1
            state.inFlight[state.nextTicket] = giveUp
            return state.nextTicket
        }
    }

    func finished(_ ticket: UInt64) {
        _ = state.withLockedValue { $0.inFlight.removeValue(forKey: ticket) }
    }

    /// Runs `body` when admitted and records how it went.
    func guarding<T>(_ body: () async throws -> T) async throws -> T {
        try admit()
        do {
            let value = try await body()
            record(nil)
            return value
        } catch {
            record(error)
            throw error
        }
    }

    /// A pool wait that ran out means the site is busy as often as that the server is away, and a
    /// statement failed here on purpose never reached the server: neither marks it away nor clears the mark.
    private static func saysNothingNew(_ error: any Error) -> Bool {
        if case .unavailable? = error as? DatabaseError { return true }
        return String(reflecting: type(of: error)).hasSuffix("ConnectionPoolTimeoutError")
    }
}
