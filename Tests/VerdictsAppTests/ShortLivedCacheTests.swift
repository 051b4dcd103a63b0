import NIOConcurrencyHelpers
import Testing
@testable import VerdictsApp

@Suite("Short-lived cache")
struct ShortLivedCacheTests {
    /// Counts the reads a cache makes, answering each with its number.
    final class Source: Sendable {
        let reads = NIOLockedValueBox(0)
        func read() -> Int { reads.withLockedValue { $0 += 1; return $0 } }
    }

    @Test("a value is read once while fresh; past that it is answered while read again in the background; too old, or cleared, it is read first")
    func freshness() async throws {
        let cache = ShortLivedCache<String, Int>(freshFor: .seconds(5), capacity: 10)
        let source = Source()
        let second: UInt64 = 1_000_000_000
        #expect(try await cache.value(for: "a", now: 10 * second) { source.read() } == 1)
        #expect(try await cache.value(for: "a", now: 14 * second) { source.read() } == 1)
        #expect(try await cache.value(for: "b", now: 14 * second) { source.read() } == 2, "another key reads its own")
        #expect(try await cache.value(for: "a", now: 15 * second) { source.read() } == 1, "five seconds on, the kept value still answers")
        for _ in 0..<200 where source.reads.withLockedValue({ $0 }) < 3 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(source.reads.withLockedValue { $0 } == 3, "while one read runs in the background")
        #expect(try await cache.value(for: "a", now: 16 * second) { source.read() } == 3)
        #expect(try await cache.value(for: "a", now: 40 * second) { source.read() } == 4, "twenty seconds past its read, read before answering")
        cache.clear()
        #expect(try await cache.value(for: "a", now: 40 * second) { source.read() } == 5)
    }

    @Test("a failed read keeps nothing, and a flood of keys never holds more than the capacity")
    func failuresAndCapacity() async throws {
        struct Broken: Error {}
        let cache = ShortLivedCache<Int, Int>(freshFor: .seconds(5), capacity: 100)
        await #expect(throws: Broken.self) { try await cache.value(for: 1) { throw Broken() } }
        #expect(cache.count == 0)
        for key in 0..<1_000 { _ = try await cache.value(for: key) { key } }
        #expect(cache.count <= 100)
        #expect(try await cache.value(for: 999) { -1 } == 999, "the latest key is still kept")
    }
}
