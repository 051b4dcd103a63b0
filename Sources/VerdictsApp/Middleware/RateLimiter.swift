import Foundation
import VerdictsCore

/// Token buckets per key (an IP hash or a voter): `capacity` actions at once, refilled at
/// `perMinute`. In memory, so each app instance limits on its own; the limits are generous enough
/// for people and tight enough to make scripted vote floods slow.
actor RateLimiter {
    private struct Bucket { var tokens: Double; var updated: Date }
    private var buckets: [String: Bucket] = [:]
    private let capacity: Double
    private let perSecond: Double
    /// Buckets are only refilled when their key comes back, so one that never does would stay for
    /// ever: every sweep drops the buckets that have refilled completely by then, which a new
    /// bucket would equal. Every address a load or a scan arrives from would otherwise be kept.
    private let sweepEvery: TimeInterval
    private var nextSweep: Date?
    private let clock: any SiteClock

    init(capacity: Int, perMinute: Int, sweepEvery: TimeInterval = 60, clock: any SiteClock) {
        self.clock = clock
        self.capacity = Double(capacity)
        self.perSecond = Double(perMinute) / 60
        self.sweepEvery = sweepEvery
    }

    /// Takes one token for `key`; returns nil when allowed, or the seconds to wait.
    func take(_ key: String) -> Int? {
        let now = clock.now
        var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
        bucket.tokens = refilled(bucket, now: now)
        bucket.updated = now
        defer {
            buckets[key] = bucket
            sweepIfDue(now: now)
        }
        guard bucket.tokens >= 1 else { return Int(((1 - bucket.tokens) / perSecond).rounded(.up)) }
        bucket.tokens -= 1
        return nil
    }

    /// How many keys are held (for tests).
    var keyCount: Int { buckets.count }

    private func refilled(_ bucket: Bucket, now: Date) -> Double {
        min(capacity, bucket.tokens + max(0, now.timeIntervalSince(bucket.updated)) * perSecond)
    }

    private func sweepIfDue(now: Date) {
        guard let due = nextSweep else {
            nextSweep = now.addingTimeInterval(sweepEvery)
            return
        }
        guard now >= due else { return }
        buckets = buckets.filter { refilled($0.value, now: now) < capacity }
        nextSweep = now.addingTimeInterval(sweepEvery)
    }
}
