import Foundation
import Testing
@testable import VerdictsApp

@Suite("Rate limiter")
struct RateLimiterTests {
    @Test("a key's bucket empties, says how long to wait, and refills at the set rate")
    func limits() async {
        let limiter = RateLimiter(capacity: 2, perMinute: 60)
        let start = Date(timeIntervalSince1970: 1_000_000)
        #expect(await limiter.take("a", now: start) == nil)
        #expect(await limiter.take("a", now: start) == nil)
        #expect(await limiter.take("a", now: start) == 1)
        #expect(await limiter.take("b", now: start) == nil, "keys are limited apart")
        #expect(await limiter.take("a", now: start.addingTimeInterval(1)) == nil)
    }

    @Test("keys that have not come back since their bucket refilled are swept, keys still limited are kept")
    func sweep() async {
        let limiter = RateLimiter(capacity: 10, perMinute: 60, sweepEvery: 30)
        let start = Date(timeIntervalSince1970: 1_000_000)
        for address in 0..<5_000 { _ = await limiter.take("10.0.\(address)", now: start) }
        for _ in 0..<10 { _ = await limiter.take("flooder", now: start.addingTimeInterval(25)) }
        #expect(await limiter.keyCount == 5_001)
        // 31 s on: the one-off addresses refilled after 1 s; the flooder's bucket is still nearly empty.
        _ = await limiter.take("late", now: start.addingTimeInterval(31))
        #expect(await limiter.keyCount == 2)
        // The flooder has refilled 6 of 10 tokens: 6 more actions now, not the 10 of a fresh bucket.
        for _ in 0..<6 { #expect(await limiter.take("flooder", now: start.addingTimeInterval(31)) == nil) }
        #expect(await limiter.take("flooder", now: start.addingTimeInterval(31)) != nil)
    }
}
