import Foundation
import NIOConcurrencyHelpers
import VerdictsCore

/// What happens during a run, as the tool page's live view shows it.
public enum PanelEvent: Sendable, Equatable {
    case started(runId: Int)
    /// The persona's review text so far.
    case writing(runId: Int, persona: String, text: String)
    /// An answer was refused or the backend failed; the persona is asked again.
    case retrying(runId: Int, persona: String, reason: String)
    case reviewed(runId: Int, review: PanelReview)
    case finished(runId: Int, status: RunStatus, error: String?)
}

/// Hands a run's events to everyone watching that tool in this process. The worker publishes; each
/// open live page subscribes. Watchers that fall behind lose intermediate `writing` events, never
/// the stored reviews, which the live page also reads from the database.
public final class PanelLiveFeed: Sendable {
    private let watchers = NIOLockedValueBox<[Int: [UUID: AsyncStream<PanelEvent>.Continuation]]>([:])

    public init() {}

    public func subscribe(toolId: Int) -> AsyncStream<PanelEvent> {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: PanelEvent.self, bufferingPolicy: .bufferingNewest(64))
        continuation.onTermination = { [weak self] _ in
            self?.watchers.withLockedValue { $0[toolId]?[id] = nil }
        }
        watchers.withLockedValue { $0[toolId, default: [:]][id] = continuation }
        return stream
    }

    public func publish(toolId: Int, _ event: PanelEvent) {
        let continuations = watchers.withLockedValue { Array(($0[toolId] ?? [:]).values) }
        for continuation in continuations { continuation.yield(event) }
    }

    public func watcherCount(toolId: Int) -> Int {
        watchers.withLockedValue { $0[toolId]?.count ?? 0 }
    }
}
