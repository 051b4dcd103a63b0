import Foundation
import SQLKit
import Testing
import TestSupport
import VerdictsCore

/// Group commits of ship/skip votes: many votes to a transaction, none lost, none counted twice.
@Suite("Tool votes in group commits")
struct ToolVoteWriterTests {
    static let slugs = ["gpt-4o", "claude", "gemini"]

    func seed(_ db: AppDatabase) async throws {
        let schema = SchemaConstraintTests()
        try await schema.seed(db)
        for slug in Self.slugs.dropFirst() { try await db.sql.raw(schema.insertTool(slug: slug, categoryId: 1, now: Date())).run() }
    }

    func origin(_ voter: String) -> VoteOrigin { VoteOrigin(voter: voter, ipHash: "ip", userAgentHash: "ua") }

    func count(_ db: AppDatabase, _ query: SQLQueryString) async throws -> Int {
        try #require(try await db.sql.raw(query).first()?.decode(column: "n", as: Int.self))
    }

    @Test("300 votes cast at once are all stored, one row per voter and tool, in fewer transactions than votes")
    func concurrentVotes() async throws {
        try await TestDatabase.withFresh { db in
            try await seed(db)
            let writer = ToolVoteWriter(database: db)
            // 100 voters, each voting on all three tools once.
            let ids = try await withThrowingTaskGroup(of: Int?.self) { group in
                for voter in 0..<100 {
                    for slug in Self.slugs {
                        let vote = ToolVoteRequest(slug: slug, choice: voter % 3 == 0 ? .skip : .ship, origin: origin("a:voter-\(voter)"))
                        group.addTask { try await writer.cast(vote) }
                    }
                }
                return try await group.reduce(into: [Int?]()) { $0.append($1) }
            }
            #expect(ids.count == 300 && ids.allSatisfy { $0 != nil })
            #expect(try await count(db, "SELECT count(*) AS n FROM tool_votes") == 300)
            #expect(try await count(db, "SELECT count(*) AS n FROM vote_events WHERE kind = 'tool'") == 300)
            #expect(try await count(db, "SELECT count(*) AS n FROM tool_votes WHERE choice = 'skip'") == 34 * 3)
            let commits = await writer.commits
            #expect(commits >= 1 && commits < 300, "\(commits) transactions for 300 votes")
        }
    }

    @Test("in one batch the later vote of a voter stands, every vote is in the audit trail, and an unknown slug writes nothing")
    func batchSemantics() async throws {
        try await TestDatabase.withFresh { db in
            try await seed(db)
            let requests = [
                ToolVoteRequest(slug: "gpt-4o", choice: .ship, origin: origin("a:x")),
                ToolVoteRequest(slug: "nope", choice: .ship, origin: origin("a:x")),
                ToolVoteRequest(slug: "gpt-4o", choice: .skip, origin: origin("a:x")),
                ToolVoteRequest(slug: "claude", choice: .ship, origin: origin("a:y")),
            ]
            let ids = try await db.transaction { sql in try await VoteQueries(sql).castToolVotes(requests) }
            #expect(ids[1] == nil && ids[0] != nil && ids[0] == ids[2] && ids[3] != ids[0])
            #expect(try await VoteQueries(db.sql).toolVote(toolId: try #require(ids[0]), voter: "a:x") == .skip)
            #expect(try await count(db, "SELECT count(*) AS n FROM tool_votes") == 2)
            #expect(try await count(db, "SELECT count(*) AS n FROM vote_events") == 3)
            #expect(try await count(db, "SELECT count(*) AS n FROM vote_events WHERE target = 'nope' OR voter = ''") == 0)
        }
    }

    @Test("a vote the database refuses fails alone; the others in its batch are stored")
    func badVoteFailsAlone() async throws {
        try await TestDatabase.withFresh { db in
            try await seed(db)
            let writer = ToolVoteWriter(database: db)
            // A two-character voter breaks the table's length check, so its batch fails as a whole first.
            let voters = (0..<40).map { $0 == 17 ? "ab" : "a:v\($0)" }
            let outcomes = await withTaskGroup(of: (String, Bool).self) { group in
                for voter in voters {
                    let vote = ToolVoteRequest(slug: "gpt-4o", choice: .ship, origin: origin(voter))
                    group.addTask { ((voter), (try? await writer.cast(vote)) != nil) }
                }
                return await group.reduce(into: [String: Bool]()) { $0[$1.0] = $1.1 }
            }
            #expect(outcomes["ab"] == false)
            #expect(outcomes.values.filter { $0 }.count == 39)
            #expect(try await count(db, "SELECT count(*) AS n FROM tool_votes") == 39)
            #expect(try await count(db, "SELECT count(*) AS n FROM vote_events") == 39)
        }
    }
}
