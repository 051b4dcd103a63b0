import Foundation
import VerdictsCore

/// A `SiteClock` that stands still until a test moves it: both readings advance together.
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
