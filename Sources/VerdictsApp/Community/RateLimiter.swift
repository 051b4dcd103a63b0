import Foundation

/// Token buckets per key (an IP hash or a voter): `capacity` actions at once, refilled at
/// `perMinute`. In memory, so each app instance limits on its own; the limits are generous enough
/// for people and tight enough to make scripted vote floods slow.
actor RateLimiter {
    private struct Bucket { var tokens: Double; var updated: Date }
    private var buckets: [String: Bucket] = [:]
    private let capacity: Double
    private let perSecond: Double

    init(capacity: Int, perMinute: Int) {
        self.capacity = Double(capacity)
        self.perSecond = Double(perMinute) / 60
    }

    /// Takes one token for `key`; returns nil when allowed, or the seconds to wait.
    func take(_ key: String, now: Date = Date()) -> Int? {
        var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
        bucket.tokens = min(capacity, bucket.tokens + now.timeIntervalSince(bucket.updated) * perSecond)
        bucket.updated = now
        defer {
            buckets[key] = bucket
            if buckets.count > 100_000 { buckets = buckets.filter { $0.value.tokens < capacity } }
        }
        guard bucket.tokens >= 1 else { return Int(((1 - bucket.tokens) / perSecond).rounded(.up)) }
        bucket.tokens -= 1
        return nil
    }
}
