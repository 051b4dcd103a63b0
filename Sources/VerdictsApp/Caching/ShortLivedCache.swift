import NIOConcurrencyHelpers
import NIOCore
import VerdictsCore

/// Values read from the database and kept for a few seconds, for facts that change only when the
/// catalog is edited (tool names, search results), never votes or reviews: those must show within
/// a second and are left to `PageCache`. Being kept by time, an edit made on another instance
/// shows here about `freshFor` later (plus the read that replaces the value); an edit made on this
/// one can `clear()` at once.
final class ShortLivedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    let freshFor: UInt64
    /// Past this many entries the whole cache is dropped rather than tracked entry by entry: the
    /// bound only matters against a flood of distinct keys (searches), which would miss anyway.
    let capacity: Int
    private struct Entry {
        var value: Value
        var readAt: UInt64
        var refreshing = false
    }
    private let entries = NIOLockedValueBox<[Key: Entry]>([:])
    /// Reads answering stale values in the background, by number, until they finish; `drain()`
    /// waits for them so none touches the database after it closes.
    private let refreshes = NIOLockedValueBox<(next: Int, running: [Int: Task<Void, Never>])>((0, [:]))
    private enum Found { case fresh(Value), stale(Value), none }

    private let clock: any SiteClock

    init(freshFor: Duration, capacity: Int, clock: any SiteClock = SystemClock()) {
        self.clock = clock
        let (seconds, attoseconds) = freshFor.components
        self.freshFor = UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
        self.capacity = capacity
    }

    func clear() {
        entries.withLockedValue { $0.removeAll() }
    }

    var count: Int { entries.withLockedValue { $0.count } }

    /// The kept value; past `freshFor` it is still answered while one background task reads it
    /// again, so no request waits on a read once a key has been read (all the bench's searches
    /// expiring together had made every fifth second's requests queue behind them). A key never
    /// read, cleared, or older than four times `freshFor` is read before answering. Two requests
    /// missing at once both read: the values are small next to a page, and neither waits on the other.
    func value(for key: Key, now given: UInt64? = nil,
               read: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let now = given ?? clock.uptimeNanoseconds
        let found: Found = entries.withLockedValue { entries in
            // Too old to answer with even once: a key nobody asked for in a while is read afresh.
            guard let entry = entries[key], now &- entry.readAt < freshFor &* 4 else { return .none }
            if now &- entry.readAt < freshFor { return .fresh(entry.value) }
            if entry.refreshing { return .fresh(entry.value) }
            entries[key]?.refreshing = true
            return .stale(entry.value)
        }
        switch found {
        case .fresh(let value):
            return value
        case .stale(let value):
            refreshes.withLockedValue { refreshes in
                let number = refreshes.next
                refreshes.next += 1
                // Started under the lock its own last step takes, so it is listed before it can end.
                refreshes.running[number] = Task {
                    // Its age counts from when the read began, as a page's does in `PageCache`.
                    do { store(try await read(), for: key, at: now) } catch {
                        // Kept as it was; the next request past its time tries again.
                        entries.withLockedValue { $0[key]?.refreshing = false }
                    }
                    _ = self.refreshes.withLockedValue { $0.running.removeValue(forKey: number) }
                }
            }
            return value
        case .none:
            let value = try await read()
            store(value, for: key, at: now)
            return value
        }
    }

    /// Waits for the background reads in flight: the last step before the database closes.
    func drain() async {
        while let running = refreshes.withLockedValue({ $0.running.values.first }) { await running.value }
    }

    private func store(_ value: Value, for key: Key, at now: UInt64) {
        entries.withLockedValue { entries in
            if entries.count >= capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(value: value, readAt: now)
        }
    }
}
