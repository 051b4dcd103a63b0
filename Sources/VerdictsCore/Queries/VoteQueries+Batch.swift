import Foundation
import SQLKit

/// One ship/skip vote as a reader sent it: the tool by its slug, resolved when it is written.
public struct ToolVoteRequest: Sendable {
    public var slug: String
    public var choice: Verdict
    public var origin: VoteOrigin
    public var at: Date

    public init(slug: String, choice: Verdict, origin: VoteOrigin, at: Date = Date()) {
        (self.slug, self.choice, self.origin, self.at) = (slug, choice, origin, at)
    }
}

extension VoteQueries {
    /// Writes many ship/skip votes in three statements, whatever their number: resolve the slugs,
    /// upsert the votes, append the audit events. Returns each request's tool id, or nil where no
    /// tool has that slug (nothing is written for it). Run it in a transaction, so a batch lands whole.
    public func castToolVotes(_ requests: [ToolVoteRequest]) async throws -> [Int?] {
        guard !requests.isEmpty else { return [] }
        let slugs = Array(Set(requests.map(\.slug)))
        var idsBySlug: [String: Int] = [:]
        for row in try await sql.raw("SELECT id, slug FROM tools WHERE slug IN (\(binds: slugs))").all() {
            idsBySlug[try row.decode(column: "slug", as: String.self)] = try row.decode(column: "id", as: Int.self)
        }
        let ids = requests.map { idsBySlug[$0.slug] }
        // One row per voter and tool: PostgreSQL refuses an upsert that touches a row twice, and
        // the later vote is the one that stands, as if they had arrived one after another.
        var latest: [String: Int] = [:]
        for (index, id) in ids.enumerated() { if let id { latest["\(id) \(requests[index].origin.voter)"] = index } }
        let winners = latest.values.sorted()
        guard !winners.isEmpty else { return ids }
        let voteRows = winners.map { index -> SQLQueryString in
            let vote = requests[index]
            return """
                (\(bind: ids[index]!), \(bind: vote.origin.voter), \(bind: vote.choice.rawValue), \(bind: vote.origin.ipHash), \
                \(bind: vote.origin.userAgentHash), FALSE, \(bind: vote.at), \(bind: vote.at))
                """
        }
        try await sql.raw("""
            INSERT INTO tool_votes (tool_id, voter, choice, ip_hash, user_agent_hash, voided, created_at, updated_at)
            VALUES \(voteRows.joined(separator: ", "))
            ON CONFLICT (voter, tool_id) DO UPDATE SET choice = excluded.choice, ip_hash = excluded.ip_hash,
                user_agent_hash = excluded.user_agent_hash, updated_at = excluded.updated_at
            """).run()
        // Every vote is in the audit trail, the ones a later vote in the batch replaced too.
        let eventRows = ids.indices.compactMap { index -> SQLQueryString? in
            guard let id = ids[index] else { return nil }
            let vote = requests[index]
            return """
                ('tool', \(bind: String(id)), \(bind: vote.origin.voter), \(bind: vote.choice.rawValue), \(bind: vote.origin.ipHash), \
                \(bind: vote.origin.userAgentHash), \(bind: vote.at))
                """
        }
        try await sql.raw("""
            INSERT INTO vote_events (kind, target, voter, choice, ip_hash, user_agent_hash, created_at)
            VALUES \(eventRows.joined(separator: ", "))
            """).run()
        return ids
    }
}
