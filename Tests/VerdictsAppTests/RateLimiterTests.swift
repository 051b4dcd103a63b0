import Foundation
import Testing
import TestSupport
import VerdictsCore
@testable import VerdictsApp

@Suite("Rate limiter")
struct RateLimiterTests {
    @Test("a key's bucket empties, says how long to wait, and refills at the set rate")
    func limits() async {
        let clock = ManualClock()
        let limiter = RateLimiter(capacity: 2, perMinute: 60, clock: clock)
        #expect(await limiter.take("a") == nil)
        #expect(await limiter.take("a") == nil)
        #expect(await limiter.take("a") == 1)
        #expect(await limiter.take("b") == nil, "keys are limited apart")
        clock.advance(by: 1)
        #expect(await limiter.take("a") == nil)
    }

    @Test("keys that have not come back since their bucket refilled are swept, keys still limited are kept")
    func sweep() async {
        let clock = ManualClock()
        let limiter = RateLimiter(capacity: 10, perMinute: 60, sweepEvery: 30, clock: clock)
        for address in 0..<5_000 { _ = await limiter.take("10.0.\(address)") }
        clock.advance(by: 25)
        for _ in 0..<10 { _ = await limiter.take("flooder") }
        #expect(await limiter.keyCount == 5_001)
        // 31 s on: the one-off addresses refilled after 1 s; the flooder's bucket is still nearly empty.
        clock.advance(by: 6)
        _ = await limiter.take("late")
        #expect(await limiter.keyCount == 2)
        // The flooder has refilled 6 of 10 tokens: 6 more actions now, not the 10 of a fresh bucket.
        for _ in 0..<6 { #expect(await limiter.take("flooder") == nil) }
        #expect(await limiter.take("flooder") != nil)
    }
}
