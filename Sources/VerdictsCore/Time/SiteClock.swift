import Dispatch
import Foundation

/// Where the site reads the time: the wall clock for what is stored and shown (votes, sessions,
/// leases, schedules), and a monotonic count for ages kept in memory (caches, rate limits), which
/// must not jump when the wall clock is set. Injected, so tests move time instead of sleeping.
public protocol SiteClock: Sendable {
    var now: Date { get }
    /// Nanoseconds since an arbitrary start, never going back.
    var uptimeNanoseconds: UInt64 { get }
}

/// The machine's clocks.
public struct SystemClock: SiteClock {
    public init() {}
    public var now: Date { Date() }
    public var uptimeNanoseconds: UInt64 { DispatchTime.now().uptimeNanoseconds }
}

/// A clock that stands still until it is moved: both readings advance together.
public final class ManualClock: SiteClock, @unchecked Sendable {
    // Guarded by `lock`: tests move it from one task while the site reads it from others.
    private let lock = NSLock()
    private var wall: Date
    private var uptime: UInt64

    public init(now: Date = Date(timeIntervalSince1970: 1_796_000_000), uptimeNanoseconds: UInt64 = 1_000_000_000) {
        (wall, uptime) = (now, uptimeNanoseconds)
    }

    public var now: Date { lock.withLock { wall } }
    public var uptimeNanoseconds: UInt64 { lock.withLock { uptime } }

    public func advance(by seconds: TimeInterval) {
        precondition(seconds >= 0, "a clock does not go back")
        lock.withLock {
            wall = wall.addingTimeInterval(seconds)
            uptime += UInt64(seconds * 1_000_000_000)
        }
    }
}
