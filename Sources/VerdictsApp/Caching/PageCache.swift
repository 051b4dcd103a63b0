import NIOConcurrencyHelpers
import NIOCore
import VerdictsCore

/// Rendered pages, kept 0.4 s. That short life is the invalidation: whatever changes a
/// page — a vote here, a review written by a worker process, an edit on another instance behind the
/// same PostgreSQL — shows within a second on every instance, with no message between them. 0.4 s
/// is still thousands of requests for a page that is being hammered.
///
/// When a page's 0.4 s are up, one request renders it again while the others are served the copy
/// for at most another 0.4 s; past that they wait for the render in flight rather than start their
/// own, so a popular page never stampedes the database. A copy's age counts from when its render
/// began, so no request that starts 0.8 s after a write is served a page read before it.
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
        /// Render the page, then `store` it or `abandon` the render: others asking meanwhile wait for it.
        case render
    }

    private struct State {
        var pages: [String: CachedPage] = [:]
        /// Keys in the order they were stored, with when: pages expire in this order.
        var order: [(key: String, storedAt: UInt64)] = []
        var head = 0
        var bytes = 0
        /// Pages being rendered, with the requests waiting for them: one render per page at a time,
        /// so a page that expires under load is read from the database once, not once per request.
        var rendering: [String: [CheckedContinuation<Lookup, Never>]] = [:]
    }

    let limits: Limits
    private let state = NIOLockedValueBox(State())

    /// Ages are counted on its monotonic reading; a test's `ManualClock` moves them.
    let clock: any SiteClock

    init(limits: Limits = Limits(), clock: any SiteClock = SystemClock()) { (self.limits, self.clock) = (limits, clock) }

    /// A fresh copy; a stale one while another request renders it again; else waits for the render
    /// in flight, or asks the caller to render.
    func lookup(_ key: String, now given: UInt64? = nil) async -> Lookup {
        let now = given ?? clock.uptimeNanoseconds
        return await withCheckedContinuation { (continuation: CheckedContinuation<Lookup, Never>) in
            let answer: Lookup? = state.withLockedValue { state in
                if let page = state.pages[key] {
                    let age = now &- page.storedAt
                    if age < limits.freshFor { return .hit(page) }
                    if age < limits.freshFor + limits.staleFor {
                        if state.rendering[key] != nil { return .hit(page) }
                        state.rendering[key] = []
                        return .render
                    }
                }
                if state.rendering[key] != nil {
                    state.rendering[key]!.append(continuation)
                    return nil
                }
                state.rendering[key] = []
                return .render
            }
            if let answer { continuation.resume(returning: answer) }
        }
    }

    /// Keeps a rendered page (when it fits the budget) and hands it to the requests waiting for it.
    func store(_ key: String, _ page: CachedPage, now given: UInt64? = nil) {
        let now = given ?? clock.uptimeNanoseconds
        let waiting = state.withLockedValue { state -> [CheckedContinuation<Lookup, Never>] in
            let waiting = state.rendering.removeValue(forKey: key) ?? []
            expire(&state, now: now)
            guard key.utf8.count <= limits.maximumKeyLength else { return waiting }
            let previous = state.pages[key]?.byteCount ?? 0
            guard state.bytes - previous + page.byteCount <= limits.budget else { return waiting }
            state.pages[key] = page
            state.bytes += page.byteCount - previous
            state.order.append((key, page.storedAt))
            return waiting
        }
        for continuation in waiting { continuation.resume(returning: .hit(page)) }
    }

    /// A render that failed or gave nothing to keep (a redirect, a 404): the requests waiting for it
    /// render for themselves.
    func abandon(_ key: String) {
        let waiting = state.withLockedValue { $0.rendering.removeValue(forKey: key) ?? [] }
        for continuation in waiting { continuation.resume(returning: .render) }
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
