import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
import VerdictsCore

@Suite("Votes and head-to-head answers")
struct VoteTests {
    @Test("a vote counts, changes without stacking, and shows on the page with its interval")
    func voteAndChange() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let reader = try await Reader.visit("/tools/gpt-4o", with: client)
            let first = try await reader.post("/tools/gpt-4o/vote", "choice=ship&return_to=%2Ftools%2Fgpt-4o%23community", client: client)
            #expect(first.status == .seeOther)
            #expect(first.headers[.location] == "/tools/gpt-4o#community")
            let second = try await reader.post("/tools/gpt-4o/vote", "choice=skip&return_to=%2F%2Fevil.example", client: client)
            #expect(second.headers[.location] == "/tools/gpt-4o", "never sent to another site")
            let tool = try #require(try await CatalogQueries(db.sql).tool(slug: "gpt-4o"))
            #expect(try await VoteQueries(db.sql).toolCounts(toolId: tool.id) == VoteCounts(ship: 0, skip: 1))
            let events = try await db.sql.raw("SELECT COUNT(*) AS n FROM vote_events").first()?.decode(column: "n", as: Int.self)
            #expect(events == 2, "the audit trail keeps both")
            try await client.execute(uri: "/tools/gpt-4o", method: .get, headers: [.cookie: reader.cookie]) { page in
                #expect(page.text.contains("0% ship (95% CI 0–79%) · 1 vote"))
                #expect(page.text.contains(#"value="skip" class="secondary" aria-pressed="true""#))
            }
        }
    }

    @Test("with Accept: application/json the vote answers with fresh counts")
    func jsonVote() async throws {
        try await withSite { client in
            let reader = try await Reader.visit("/compare/claude-4-sonnet-vs-gpt-4o", with: client)
            let response = try await reader.post("/tools/claude-4-sonnet/vote", "choice=ship", json: true, client: client)
            #expect(response.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            #expect(body["ship"] as? Int == 1 && body["skip"] as? Int == 0)
            #expect(body["community"] as? String == "100% ship (95% CI 21–100%) · 1 vote")
        }
    }

    @Test("a missing or wrong CSRF token, a bad choice and an unknown tool change nothing")
    func refusals() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let reader = try await Reader.visit("/tools/gpt-4o", with: client)
            let forged = try await client.execute(
                uri: "/tools/gpt-4o/vote", method: .post,
                headers: [.cookie: reader.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "choice=ship&csrf=0000"))
            #expect(forged.status == .forbidden)
            #expect(forged.text.contains("This form has expired"))
            #expect(try await reader.post("/tools/gpt-4o/vote", "choice=maybe", client: client).status == .badRequest)
            #expect(try await reader.post("/tools/nope/vote", "choice=ship", client: client).status == .notFound)
            let stranger = try await client.execute(
                uri: "/tools/gpt-4o/vote", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "choice=ship&csrf=\(reader.csrf)"))
            #expect(stranger.status == .forbidden, "a token without its cookie is worthless")
            let bot = try await reader.post("/tools/gpt-4o/vote", "choice=ship&website=http://spam.example", client: client)
            #expect(bot.status == .seeOther, "the bot is not told")
            #expect(try await VoteQueries(db.sql).toolCounts().isEmpty)
        }
    }

    @Test("50 distinct voters voting at once count exactly 50")
    func fiftyVoters() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            var readers: [Reader] = []
            for _ in 0..<50 { readers.append(try await Reader.visit("/tools/ollama", with: client)) }
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for reader in readers {
                    group.addTask { try await reader.post("/tools/ollama/vote", "choice=ship", client: client).status }
                }
                for try await status in group { #expect(status == .seeOther) }
            }
            let tool = try #require(try await CatalogQueries(db.sql).tool(slug: "ollama"))
            #expect(try await VoteQueries(db.sql).toolCounts(toolId: tool.id) == VoteCounts(ship: 50, skip: 0))
        }
    }

    @Test("one voter sending 20 votes at once counts once")
    func oneVoterTwentyTimes() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let reader = try await Reader.visit("/tools/ollama", with: client)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<20 {
                    group.addTask { _ = try await reader.post("/tools/ollama/vote", "choice=\(i % 2 == 0 ? "ship" : "skip")", client: client) }
                }
                try await group.waitForAll()
            }
            let tool = try #require(try await CatalogQueries(db.sql).tool(slug: "ollama"))
            #expect(try await VoteQueries(db.sql).toolCounts(toolId: tool.id).total == 1)
        }
    }

    @Test("a voter who floods is told when to retry")
    func rateLimit() async throws {
        try await withSite { client in
            let reader = try await Reader.visit("/tools/vllm", with: client)
            var limited: TestResponse?
            for _ in 0..<40 {
                let response = try await reader.post("/tools/vllm/vote", "choice=ship", client: client)
                if response.status == .tooManyRequests { limited = response; break }
            }
            let response = try #require(limited)
            #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(response.text.contains("Try again in"))
        }
    }

    @Test("head-to-head answers are stored once per voter and feed the leaderboard")
    func headToHead() async throws {
        // A new reader reads the tally at once: without the page cache (PageCacheTests holds it to a second).
        try await withSiteAndDatabase(cachesPages: false) { client, site, _, _ in
            let page = "/compare/claude-4-sonnet-vs-gpt-4o"
            for choice in ["a", "a", "b"] {
                let reader = try await Reader.visit(page, with: client)
                let response = try await reader.post(page + "/answer", "choice=\(choice)", client: client)
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: page, method: .get) { response in
                #expect(response.text.contains("Claude Sonnet 4 2 · GPT-4o 1 · can&#39;t decide 0"))
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.text.contains("Popular comparisons"))
                #expect(response.text.contains(#"<a href="/compare/claude-4-sonnet-vs-gpt-4o">Claude Sonnet 4 vs GPT-4o (3 answers)</a>"#))
            }
            await site.refreshLeaderboard()
            try await client.execute(uri: "/leaderboard", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                let sonnet = try #require(html.range(of: ">Claude Sonnet 4</a>")), gpt = try #require(html.range(of: ">GPT-4o</a>"))
                #expect(sonnet.lowerBound < gpt.lowerBound, "two wins of three rank first")
                #expect(html.contains(#"<td data-label="Rank" class="score">1–2</td>"#), "three answers cannot separate them")
            }
        }
    }
}

@Suite("Vote moderation")
struct VoteModerationTests {
    @Test("voiding a voter, then an address, takes their votes out of counts and the leaderboard; restoring brings them back")
    func voidAndRestore() async throws {
        try await withSiteAndDatabase { client, site, db, _ in
            let page = "/compare/claude-4-sonnet-vs-gpt-4o"
            var readers: [Reader] = []
            for _ in 0..<3 { readers.append(try await Reader.visit(page, with: client)) }
            for reader in readers {
                _ = try await reader.post("/tools/gpt-4o/vote", "choice=ship", client: client)
                _ = try await reader.post(page + "/answer", "choice=b", client: client)
            }
            let tool = try #require(try await CatalogQueries(db.sql).tool(slug: "gpt-4o"))
            let votes = VoteQueries(db.sql), moderation = VoteModeration(db.sql)
            #expect(try await votes.toolCounts(toolId: tool.id).total == 3)

            let ring = try await moderation.audit(limit: 1).first!.voter
            #expect(try await moderation.setVoided(true, voter: ring) == 2, "its vote and its answer")
            #expect(try await votes.toolCounts(toolId: tool.id).total == 2)
            #expect(try await votes.matchups().count == 2)

            // All three came from one address: voiding it removes the rest.
            let address = try await moderation.audit(voter: ring).first!.ipHash
            #expect(try await moderation.setVoided(true, ipHash: address) == 4)
            #expect(try await votes.toolCounts(toolId: tool.id).total == 0)
            await site.refreshLeaderboard()
            try await client.execute(uri: "/leaderboard", method: .get) { response in
                #expect(response.text.contains("No head-to-head answers yet"))
            }
            #expect(try await moderation.setVoided(false, ipHash: address) == 6)
            #expect(try await votes.toolCounts(toolId: tool.id).total == 3)
        }
    }
}
