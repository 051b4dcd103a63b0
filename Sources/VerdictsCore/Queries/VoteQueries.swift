import Foundation
import SQLKit

/// Who cast a vote, for the audit trail: never the raw address or user agent, only keyed hashes.
public struct VoteOrigin: Sendable {
    public var voter: String
    public var ipHash: String
    public var userAgentHash: String

    public init(voter: String, ipHash: String, userAgentHash: String) {
        (self.voter, self.ipHash, self.userAgentHash) = (voter, ipHash, userAgentHash)
    }
}

public enum MatchupChoice: String, Codable, Sendable, CaseIterable {
    case a, b, tie
}

public struct VoteCounts: Sendable, Equatable {
    public var ship: Int
    public var skip: Int
    public var total: Int { ship + skip }
    public var interval: WilsonInterval { WilsonInterval(successes: ship, total: total) }

    public init(ship: Int, skip: Int) { (self.ship, self.skip) = (ship, skip) }
}

/// Votes: one per voter per target, changeable but never stackable — enforced by the unique
/// index and an upsert, so concurrent requests from one voter cannot add up. Voided votes stay
/// in the table (and the audit trail) but leave every count.
public struct VoteQueries: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Two statements (the vote and its audit event): run it in a transaction.
    public func castMatchup(toolA: Int, toolB: Int, choice: MatchupChoice, origin: VoteOrigin, now: Date = Date()) async throws {
        // Pairs are stored in id order; swap the answer with them.
        let (low, high) = toolA < toolB ? (toolA, toolB) : (toolB, toolA)
        let stored: MatchupChoice = toolA < toolB || choice == .tie ? choice : (choice == .a ? .b : .a)
        try await sql.raw("""
            INSERT INTO matchup_votes (tool_a_id, tool_b_id, voter, choice, ip_hash, user_agent_hash, voided, created_at, updated_at)
            VALUES (\(bind: low), \(bind: high), \(bind: origin.voter), \(bind: stored.rawValue), \(bind: origin.ipHash),
                    \(bind: origin.userAgentHash), FALSE, \(bind: now), \(bind: now))
            ON CONFLICT (voter, tool_a_id, tool_b_id) DO UPDATE SET choice = excluded.choice, ip_hash = excluded.ip_hash,
                user_agent_hash = excluded.user_agent_hash, updated_at = excluded.updated_at
            """).run()
        try await recordEvent(kind: "matchup", target: "\(low)-\(high)", choice: stored.rawValue, origin: origin, now: now)
    }

    private func recordEvent(kind: String, target: String, choice: String, origin: VoteOrigin, now: Date) async throws {
        try await sql.raw("""
            INSERT INTO vote_events (kind, target, voter, choice, ip_hash, user_agent_hash, created_at)
            VALUES (\(bind: kind), \(bind: target), \(bind: origin.voter), \(bind: choice), \(bind: origin.ipHash),
                    \(bind: origin.userAgentHash), \(bind: now))
            """).run()
    }

    /// Ship/skip counts of every tool that has valid votes, keyed by tool id.
    /// At sign-in, the votes a reader cast anonymously become their account's. Where the account
    /// already voted on the same tool or pair, the account's vote stands and the anonymous one goes,
    /// so one person is never counted twice. Returns how many votes moved.
    /// Several statements: run it in a transaction, so a failure leaves every vote as it was.
    @discardableResult
    public func adopt(anonymous: String, into account: String) async throws -> Int {
        let tools = try await sql.raw("""
            UPDATE tool_votes SET voter = \(bind: account)
            WHERE voter = \(bind: anonymous) AND NOT EXISTS (
                SELECT 1 FROM tool_votes mine WHERE mine.voter = \(bind: account) AND mine.tool_id = tool_votes.tool_id)
            RETURNING id
            """).all().count
        let pairs = try await sql.raw("""
            UPDATE matchup_votes SET voter = \(bind: account)
            WHERE voter = \(bind: anonymous) AND NOT EXISTS (
                SELECT 1 FROM matchup_votes mine WHERE mine.voter = \(bind: account)
                  AND mine.tool_a_id = matchup_votes.tool_a_id AND mine.tool_b_id = matchup_votes.tool_b_id)
            RETURNING id
            """).all().count
        try await sql.raw("DELETE FROM tool_votes WHERE voter = \(bind: anonymous)").run()
        try await sql.raw("DELETE FROM matchup_votes WHERE voter = \(bind: anonymous)").run()
        // The audit trail names the account from now on, so moderating the account reaches the
        // votes it took over; times, choices and address hashes stay as they were.
        try await sql.raw("UPDATE vote_events SET voter = \(bind: account) WHERE voter = \(bind: anonymous)").run()
        return tools + pairs
    }

    public func toolCounts() async throws -> [Int: VoteCounts] {
        struct Row: Decodable { var toolId: Int; var ship: Int; var skip: Int }
        let rows: [Row] = try await sql.rows("""
            SELECT tool_id, SUM(CASE WHEN choice = 'ship' THEN 1 ELSE 0 END) AS ship,
                   SUM(CASE WHEN choice = 'skip' THEN 1 ELSE 0 END) AS skip
            FROM tool_votes WHERE voided = FALSE GROUP BY tool_id
            """)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.toolId, VoteCounts(ship: $0.ship, skip: $0.skip)) })
    }

    /// Ship/skip counts of only these tools (those without valid votes are missing).
    public func toolCounts(toolIds: [Int]) async throws -> [Int: VoteCounts] {
        guard !toolIds.isEmpty else { return [:] }
        return try await toolCounts(where: "tool_id IN (\(SQLList(toolIds.map { SQLBind($0) })))")
    }

    /// Ship/skip counts of a category's tools.
    public func toolCounts(categoryId: Int) async throws -> [Int: VoteCounts] {
        try await toolCounts(where: "tool_id IN (SELECT id FROM tools WHERE category_id = \(bind: categoryId))")
    }

    private func toolCounts(where filter: SQLQueryString) async throws -> [Int: VoteCounts] {
        struct Row: Decodable { var toolId: Int; var ship: Int; var skip: Int }
        let rows: [Row] = try await sql.rows("""
            SELECT tool_id, SUM(CASE WHEN choice = 'ship' THEN 1 ELSE 0 END) AS ship,
                   SUM(CASE WHEN choice = 'skip' THEN 1 ELSE 0 END) AS skip
            FROM tool_votes WHERE voided = FALSE AND \(filter) GROUP BY tool_id
            """)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.toolId, VoteCounts(ship: $0.ship, skip: $0.skip)) })
    }

    public func toolCounts(toolId: Int) async throws -> VoteCounts {
        struct Row: Decodable { var ship: Int?; var skip: Int? }
        let row: Row? = try await sql.firstRow("""
            SELECT SUM(CASE WHEN choice = 'ship' THEN 1 ELSE 0 END) AS ship,
                   SUM(CASE WHEN choice = 'skip' THEN 1 ELSE 0 END) AS skip
            FROM tool_votes WHERE voided = FALSE AND tool_id = \(bind: toolId)
            """)
        return VoteCounts(ship: row?.ship ?? 0, skip: row?.skip ?? 0)
    }

    /// The voter's current choice on a tool, if any.
    public func toolVote(toolId: Int, voter: String) async throws -> Verdict? {
        try await toolVotes(toolIds: [toolId], voter: voter)[toolId]
    }

    /// The voter's current choices on these tools, keyed by tool id (tools without one are missing).
    public func toolVotes(toolIds: [Int], voter: String) async throws -> [Int: Verdict] {
        guard !toolIds.isEmpty else { return [:] }
        let rows = try await sql.raw("""
            SELECT tool_id, choice FROM tool_votes WHERE voter = \(bind: voter) AND tool_id IN (\(SQLList(toolIds.map { SQLBind($0) })))
            """).all()
        var votes: [Int: Verdict] = [:]
        for row in rows {
            if let verdict = Verdict(rawValue: try row.decode(column: "choice", as: String.self)) {
                votes[try row.decode(column: "tool_id", as: Int.self)] = verdict
            }
        }
        return votes
    }

    /// Whether the voter has a vote on any of the tools, or answered a head-to-head between two of
    /// them (probes of the unique indexes that start with the voter).
    public func hasVoted(voter: String, toolIds: [Int]) async throws -> Bool {
        guard !toolIds.isEmpty else { return false }
        let ids = SQLList(toolIds.map { SQLBind($0) })
        return try await sql.raw("""
            SELECT 1 AS found FROM tool_votes WHERE voter = \(bind: voter) AND tool_id IN (\(ids))
            UNION ALL
            SELECT 1 AS found FROM matchup_votes WHERE voter = \(bind: voter) AND tool_a_id IN (\(ids)) AND tool_b_id IN (\(ids))
            LIMIT 1
            """).first() != nil
    }

    /// Every valid head-to-head answer, for the Bradley–Terry fit.
    public func matchups() async throws -> [BradleyTerry.Matchup] {
        struct Row: Decodable { var toolAId: Int; var toolBId: Int; var choice: String }
        let rows: [Row] = try await sql.rows("SELECT tool_a_id, tool_b_id, choice FROM matchup_votes WHERE voided = FALSE")
        return rows.map { BradleyTerry.Matchup(a: $0.toolAId, b: $0.toolBId, scoreA: $0.choice == "a" ? 1 : $0.choice == "b" ? 0 : 0.5) }
    }

    /// Changes whenever an answer is added, changed, voided or restored: the leaderboard refits only then.
    public func matchupFingerprint() async throws -> String {
        struct Row: Decodable { var n: Int; var voided: Int?; var changed: Date? }
        let row: Row? = try await sql.firstRow("""
            SELECT COUNT(*) AS n, SUM(CASE WHEN voided THEN 1 ELSE 0 END) AS voided, MAX(updated_at) AS changed FROM matchup_votes
            """)
        return "\(row?.n ?? 0)/\(row?.voided ?? 0)/\(row?.changed?.timeIntervalSince1970 ?? 0)"
    }

    /// Other tools in `categoryId` that readers compared with `toolId`, most answered first (then by
    /// name): (tool id, answers). Two index lookups, one per side of the stored pair.
    public func answeredRivals(toolId: Int, categoryId: Int, limit: Int) async throws -> [(Int, Int)] {
        struct Row: Decodable { var other: Int; var n: Int }
        let rows: [Row] = try await sql.rows("""
            SELECT a.other, COUNT(*) AS n FROM (
                SELECT tool_b_id AS other FROM matchup_votes WHERE tool_a_id = \(bind: toolId) AND voided = FALSE
                UNION ALL
                SELECT tool_a_id AS other FROM matchup_votes WHERE tool_b_id = \(bind: toolId) AND voided = FALSE
            ) a JOIN tools t ON t.id = a.other
            WHERE t.category_id = \(bind: categoryId)
            GROUP BY a.other, t.name ORDER BY n DESC, t.name LIMIT \(bind: limit)
            """)
        return rows.map { ($0.other, $0.n) }
    }

    /// The pairs readers answered most, most first: (lower id, higher id, answers).
    public func popularPairs(limit: Int) async throws -> [(Int, Int, Int)] {
        struct Row: Decodable { var toolAId: Int; var toolBId: Int; var n: Int }
        let rows: [Row] = try await sql.rows("""
            SELECT tool_a_id, tool_b_id, COUNT(*) AS n FROM matchup_votes WHERE voided = FALSE
            GROUP BY tool_a_id, tool_b_id ORDER BY n DESC, tool_a_id, tool_b_id LIMIT \(bind: limit)
            """)
        return rows.map { ($0.toolAId, $0.toolBId, $0.n) }
    }

    /// Answers for one pair (in id order): wins for the lower id, the higher id, and ties.
    public func matchupCounts(toolA: Int, toolB: Int) async throws -> (a: Int, b: Int, tie: Int) {
        let (low, high) = toolA < toolB ? (toolA, toolB) : (toolB, toolA)
        struct Row: Decodable { var choice: String; var n: Int }
        let rows: [Row] = try await sql.rows("""
            SELECT choice, COUNT(*) AS n FROM matchup_votes
            WHERE tool_a_id = \(bind: low) AND tool_b_id = \(bind: high) AND voided = FALSE GROUP BY choice
            """)
        let counts = Dictionary(uniqueKeysWithValues: rows.map { ($0.choice, $0.n) })
        let (lowWins, highWins) = (counts["a"] ?? 0, counts["b"] ?? 0)
        return toolA < toolB ? (lowWins, highWins, counts["tie"] ?? 0) : (highWins, lowWins, counts["tie"] ?? 0)
    }
}

/// Moderation: voiding takes a voter's or an address's votes out of every count and the
/// leaderboard, while the rows and the audit trail stay for review.
public struct VoteModeration: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    public struct AuditRow: Codable, Sendable {
        public var kind: String
        public var target: String
        public var voter: String
        public var choice: String
        public var ipHash: String
        public var createdAt: Date
    }

    /// The newest entries of the audit trail, optionally for one voter or one address hash.
    public func audit(voter: String? = nil, ipHash: String? = nil, limit: Int = 50) async throws -> [AuditRow] {
        var filter: SQLQueryString = "1 = 1"
        if let voter { filter = "\(filter) AND voter = \(bind: voter)" }
        if let ipHash { filter = "\(filter) AND ip_hash = \(bind: ipHash)" }
        return try await sql.rows("""
            SELECT kind, target, voter, choice, ip_hash, created_at FROM vote_events
            WHERE \(filter) ORDER BY created_at DESC, id DESC LIMIT \(bind: limit)
            """)
    }

    /// Voids (or restores) every vote and answer of a voter or of an address hash; returns how many rows changed.
    @discardableResult
    public func setVoided(_ voided: Bool, voter: String? = nil, ipHash: String? = nil) async throws -> Int {
        guard (voter == nil) != (ipHash == nil) else { return 0 }
        let column: SQLQueryString = voter != nil ? "voter" : "ip_hash"
        let value = voter ?? ipHash!
        var changed = 0
        for table in ["tool_votes", "matchup_votes"] {
            let rows = try await sql.raw("""
                UPDATE \(unsafeRaw: table) SET voided = \(bind: voided) WHERE \(column) = \(bind: value) AND voided <> \(bind: voided)
                RETURNING id
                """).all()
            changed += rows.count
        }
        return changed
    }
}
