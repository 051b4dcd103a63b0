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
