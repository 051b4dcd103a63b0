import Foundation
import Logging

/// Writes ship/skip votes in group commits. A vote waits while the batch before it commits, then
/// goes in the next transaction with every vote that arrived meanwhile: one commit for many votes
/// instead of two per vote, which is what bounded the votes a second on SQLite's single writer.
/// A caller hears back only after its vote's transaction has committed, so every acknowledged
/// vote is stored. If a batch fails, each of its votes is tried alone, so one bad vote cannot
/// take the others with it; but when the server could not be reached, the whole batch fails at
/// once, since trying each vote alone would only make the last wait many times over.
public actor ToolVoteWriter {
    private struct Pending {
        let request: ToolVoteRequest
        let reply: CheckedContinuation<Int?, any Error>
    }

    private let database: AppDatabase
    private let maximumBatch: Int
    private var pending: [Pending] = []
    private var writing = false
    /// Callers of `flush()` waiting for the batches in progress to commit.
    private var flushing: [CheckedContinuation<Void, Never>] = []
    /// Transactions committed so far: how well the votes group (tests read it).
    public private(set) var commits = 0

    /// `maximumBatch` keeps a statement's bound values well under both engines' limits (eight per vote).
    public init(database: AppDatabase, maximumBatch: Int = 250) {
        self.database = database
        self.maximumBatch = maximumBatch
    }

    /// Stores the vote and returns its tool's id, or nil when no tool has that slug.
    public func cast(_ request: ToolVoteRequest) async throws -> Int? {
        try await withCheckedThrowingContinuation { reply in
            pending.append(Pending(request: request, reply: reply))
            if !writing {
                writing = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maximumBatch))
            pending.removeFirst(batch.count)
            do {
                let ids = try await write(batch.map(\.request))
                for (waiting, id) in zip(batch, ids) { waiting.reply.resume(returning: id) }
            } catch where batch.count > 1 && !AppDatabase.isUnavailable(error) {
                database.logger.warning("A batch of \(batch.count) votes failed (\(error)); writing them one by one.")
                for waiting in batch {
                    do { waiting.reply.resume(returning: try await write([waiting.request])[0]) } catch { waiting.reply.resume(throwing: error) }
                }
            } catch {
                for waiting in batch { waiting.reply.resume(throwing: error) }
            }
        }
        writing = false
        for waiting in flushing { waiting.resume() }
        flushing = []
    }

    /// Returns once every vote handed over so far has been committed (or has failed and been told).
    public func flush() async {
        guard writing else { return }
        await withCheckedContinuation { flushing.append($0) }
    }

    private func write(_ requests: [ToolVoteRequest]) async throws -> [Int?] {
        let ids = try await database.transaction { db in try await VoteQueries(db).castToolVotes(requests) }
        commits += 1
        return ids
    }
}
