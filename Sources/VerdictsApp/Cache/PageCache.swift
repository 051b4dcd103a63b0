import NIOConcurrencyHelpers
import NIOCore

/// Rendered pages, kept 0.4 s. That short life is the invalidation: whatever changes a
/// page — a vote here, a review written by a worker process, an edit on another instance behind the
/// same PostgreSQL — shows within a second on every instance, with no message between them. 0.4 s
/// is still thousands of requests for a page that is being hammered.
///
/// When a page's 0.4 s are up, one request renders it again while the others are served the copy
/// for at most another 0.4 s, so a popular page never stampedes the database. A copy's age counts
/// from when its render began, so no request that starts 0.8 s after a write is served a page
/// read before it.
final class PageCache: Sendable {
    struct Limits: Sendable {
        var freshFor: UInt64 = 400_000_000
        var staleFor: UInt64 = 400_000_000
        /// Bytes of pages held; past it new pages are not kept until old ones expire.
        var budget = 64 * 1024 * 1024
        /// Longer addresses (long search queries) are rendered every time rather than kept.
        var maximumKeyLength = 300
    }

    enum Lookup {
        /// Serve this copy.
        case hit(CachedPage)
        /// Render the page, then `store` it; a `refresh` must `store` or `abandon`.
        case miss
        case refresh
    }

    private struct State {
        var pages: [String: CachedPage] = [:]
        /// Keys in the order they were stored, with when: pages expire in this order.
        var order: [(key: String, storedAt: UInt64)] = []
        var head = 0
        var bytes = 0
        var refreshing: Set<String> = []
    }

    let limits: Limits
    private let state = NIOLockedValueBox(State())

    init(limits: Limits = Limits()) { self.limits = limits }

    func lookup(_ key: String, now: UInt64 = NIODeadline.now().uptimeNanoseconds) -> Lookup {
        state.withLockedValue { state in
            guard let page = state.pages[key] else { return .miss }
            let age = now &- page.storedAt
            if age < limits.freshFor { return .hit(page) }
            guard age < limits.freshFor + limits.staleFor else { return .miss }
            if state.refreshing.contains(key) { return .hit(page) }
            state.refreshing.insert(key)
            return .refresh
        }
    }

    func store(_ key: String, _ page: CachedPage, now: UInt64 = NIODeadline.now().uptimeNanoseconds) {
        guard key.utf8.count <= limits.maximumKeyLength else { return }
        state.withLockedValue { state in
            state.refreshing.remove(key)
            expire(&state, now: now)
            let previous = state.pages[key]?.byteCount ?? 0
            guard state.bytes - previous + page.byteCount <= limits.budget else { return }
            state.pages[key] = page
            state.bytes += page.byteCount - previous
            state.order.append((key, page.storedAt))
        }
    }

    /// A refresh that failed: the next request tries again.
    func abandon(_ key: String) {
        _ = state.withLockedValue { $0.refreshing.remove(key) }
    }

    /// Adds the compressed parts to a page already held, unless a newer copy replaced it meanwhile.
    func attachGzip(_ key: String, _ gzip: Gzip.Parts, storedAt: UInt64) {
        state.withLockedValue { state in
            guard var page = state.pages[key], page.storedAt == storedAt, page.gzip == nil,
                  state.bytes + gzip.byteCount <= limits.budget else { return }
            page.gzip = gzip
            state.pages[key] = page
            state.bytes += gzip.byteCount
        }
    }

    var count: Int { state.withLockedValue { $0.pages.count } }

    private func expire(_ state: inout State, now: UInt64) {
        let lifetime = limits.freshFor + limits.staleFor
        while state.head < state.order.count, now &- state.order[state.head].storedAt >= lifetime {
            let (key, storedAt) = state.order[state.head]
            // A key stored again later has a newer entry further on; only its own entry removes it.
            if let page = state.pages[key], page.storedAt == storedAt {
                state.bytes -= page.byteCount
                state.pages[key] = nil
            }
            state.head += 1
        }
        if state.head > 1024, state.head * 2 > state.order.count {
            state.order.removeFirst(state.head)
            state.head = 0
        }
    }
}
