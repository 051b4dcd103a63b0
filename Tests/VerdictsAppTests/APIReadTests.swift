import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
import VerdictsCore

@Suite("The public API: reads")
struct APIReadTests {
    @Test("tools page by slug with a cursor, filter by category, pricing and verdict, and refuse bad values")
    func toolsList() async throws {
        try await withSite { client in
            var slugs: [String] = [], cursor: String? = nil
            repeat {
                let page = try await client.execute(uri: "/api/v1/tools?limit=7" + (cursor.map { "&cursor=\($0)" } ?? ""), method: .get)
                #expect(page.status == .ok)
                let body = try page.json
                slugs += try (body["data"] as? [Any] ?? []).objects().map { $0["slug"] as? String ?? "" }
                cursor = body["next_cursor"] as? String
            } while cursor != nil
            #expect(slugs.count == 32, "the demo catalog's 32 tools, each once")
            #expect(slugs == slugs.sorted() && Set(slugs).count == slugs.count)

            let filtered = try await client.execute(uri: "/api/v1/tools?category=coding-assistants&verdict=ship&limit=100", method: .get).json
            let tools = try (filtered["data"] as? [Any] ?? []).objects()
            #expect(!tools.isEmpty)
            for tool in tools {
                #expect(tool["category"] as? String == "coding-assistants")
                #expect((tool["panel"] as? [String: Any])?["verdict"] as? String == "ship")
            }
            try await client.execute(uri: "/api/v1/tools?limit=101", method: .get).expectProblem(.badRequest, mentioning: "from 1 to 100")
            try await client.execute(uri: "/api/v1/tools?pricing=cheap", method: .get).expectProblem(.badRequest, mentioning: "free, freemium, paid, open-weights")
            try await client.execute(uri: "/api/v1/tools?cursor=Not%20A%20Slug", method: .get).expectProblem(.badRequest, mentioning: "not a slug")
            try await client.execute(uri: "/api/v1/tools?category=nope", method: .get).expectProblem(.notFound, mentioning: "GET /api/v1/categories")
        }
    }

    @Test("a tool carries its card, pricing read, panel with provenance and alternatives, as the page shows them")
    func tool() async throws {
        try await withSite { client in
            let tool = try await client.execute(uri: "/api/v1/tools/cursor", method: .get).json
            #expect(tool["name"] as? String == "Cursor")
            #expect(tool["context_window"] is NSNull, "an absent value is null, not left out")
            let reviews = try (tool["reviews"] as? [Any] ?? []).objects()
            #expect(reviews.map { $0["persona"] as? String } == ["builder", "skeptic", "futurist", "founder"])
            let provenance = try #require(reviews.first?["provenance"] as? [String: Any])
            #expect(provenance["source"] as? String == "editorial" && provenance["ai_generated"] as? Bool == false)
            #expect((provenance["label"] as? String)?.hasPrefix("Editorial review in the persona's voice") == true)
            let page = try await client.execute(uri: "/tools/cursor", method: .get).text
            let panel = try #require(tool["panel"] as? [String: Any])
            #expect(page.contains(try #require(panel["label"] as? String)), "the same verdict as the page")
            let alternatives = try (tool["alternatives"] as? [Any] ?? []).objects()
            #expect(alternatives.contains { $0["api_url"] as? String == "/api/v1/compare/cursor/github-copilot" })
            try await client.execute(uri: "/api/v1/tools/curser", method: .get).expectProblem(.notFound, mentioning: "no tool called 'curser'")
        }
    }

    @Test("a comparison has both tools, the decision table, the scorecard with splits and the tally; the other order redirects")
    func comparison() async throws {
        try await withSite { client in
            let response = try await client.execute(uri: "/api/v1/compare/claude-4-sonnet/gpt-4o", method: .get)
            let body = try response.json
            let a = try #require(body["a"] as? [String: Any]), b = try #require(body["b"] as? [String: Any])
            #expect(a["slug"] as? String == "claude-4-sonnet" && b["slug"] as? String == "gpt-4o")
            #expect(body["title"] as? String == "\(a["name"] as? String ?? "") vs \(b["name"] as? String ?? "")")
            #expect(body["url"] as? String == "/compare/claude-4-sonnet-vs-gpt-4o")
            let scorecard = try (body["scorecard"] as? [Any] ?? []).objects()
            #expect(scorecard.count == 4)
            #expect(scorecard.filter { $0["split"] as? Bool == true }.count == body["split_count"] as? Int)
            let decision = try (body["decision"] as? [Any] ?? []).objects()
            #expect(decision.map { $0["question"] as? String ?? "" }.contains("Pricing"))
            let page = try await client.execute(uri: "/compare/claude-4-sonnet-vs-gpt-4o", method: .get).text
            #expect(page.contains(try #require(body["agreement"] as? String)), "the same agreement sentence as the page")

            let reversed = try await client.execute(uri: "/api/v1/compare/gpt-4o/claude-4-sonnet", method: .get)
            #expect(reversed.status == .movedPermanently)
            #expect(reversed.headers[.location] == "/api/v1/compare/claude-4-sonnet/gpt-4o")
            try await client.execute(uri: "/api/v1/compare/gpt-4o/gpt-4o", method: .get).expectProblem(.notFound, mentioning: "itself")
        }
    }

    @Test("reads carry an ETag; If-None-Match answers 304 until the data changes")
    func etags() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let first = try await client.execute(uri: "/api/v1/tools/gpt-4o", method: .get)
            let etag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl]?.hasPrefix("public, max-age=") == true)
            #expect(first.headers[.setCookie] == nil, "reads are the same for everyone and set no cookie")
            let unchanged = try await client.execute(uri: "/api/v1/tools/gpt-4o", method: .get, headers: [.ifNoneMatch: "\"other\", " + etag])
            #expect(unchanged.status == .notModified && unchanged.body.readableBytes == 0)
            #expect(unchanged.headers[.eTag] == etag)
            let vote = ToolVoteRequest(slug: "gpt-4o", choice: .ship, origin: VoteOrigin(voter: "a:etag", ipHash: "x", userAgentHash: "y"))
            _ = try await VoteQueries(db.sql).castToolVotes([vote])
            let changed = try await client.execute(uri: "/api/v1/tools/gpt-4o", method: .get, headers: [.ifNoneMatch: etag])
            #expect(changed.status == .ok && changed.headers[.eTag] != etag, "a new vote is a new representation")
        }
    }

    @Test("a gzip answer's tag ends in -gz, matches the document's pattern, and its 304 names it back")
    func gzipETags() async throws {
        try await withSiteAndDatabase { client, _, _, _ in
            let zipped = try await client.execute(uri: "/api/v1/tools?limit=20", method: .get, headers: [.acceptEncoding: "gzip"])
            #expect(zipped.headers[.contentEncoding] == "gzip")
            let tag = try #require(zipped.headers[.eTag])
            #expect(tag.wholeMatch(of: /"[0-9a-f]{16}(-gz)?"/) != nil && tag.hasSuffix(#"-gz""#), "\(tag)")
            let again = try await client.execute(
                uri: "/api/v1/tools?limit=20", method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: tag])
            #expect(again.status == .notModified && again.headers[.eTag] == tag)
        }
    }

    @Test("runs, personas, categories, search and the leaderboard answer with what their pages show")
    func directory() async throws {
        try await withSiteAndDatabase { client, site, _, _ in
            let runs = try (try await client.execute(uri: "/api/v1/tools/gpt-4o/runs", method: .get).json["data"] as? [Any] ?? []).objects()
            let run = try #require(runs.first)
            #expect(run["backend"] as? String == "editorial" && run["review_count"] as? Int == 4)
            let id = try #require(run["id"] as? Int)
            let detail = try await client.execute(uri: "/api/v1/tools/gpt-4o/runs/\(id)", method: .get).json
            #expect((detail["reviews"] as? [Any])?.count == 4)
            try await client.execute(uri: "/api/v1/tools/gpt-4o/runs/999999", method: .get).expectProblem(.notFound, mentioning: "no panel run 999999")
            try await client.execute(uri: "/api/v1/tools/gpt-4o/runs/x1", method: .get).expectProblem(.badRequest, mentioning: "positive whole number")

            let persona = try await client.execute(uri: "/api/v1/personas/skeptic", method: .get).json
            let history = try #require(persona["history"] as? [Any])
            let bands = try (persona["distribution"] as? [Any] ?? []).objects()
            #expect(bands.map { $0["count"] as? Int ?? 0 }.reduce(0, +) == history.count && history.count == 32)
            let categories = try (try await client.execute(uri: "/api/v1/categories", method: .get).json["data"] as? [Any] ?? []).objects()
            #expect(categories.map { $0["tool_count"] as? Int ?? 0 }.reduce(0, +) == 32)
            let hits = try (try await client.execute(uri: "/api/v1/search?q=clau%20son", method: .get).json["data"] as? [Any] ?? []).objects()
            #expect(hits.first?["slug"] as? String == "claude-4-sonnet")
            try await client.execute(uri: "/api/v1/search", method: .get).expectProblem(.badRequest, mentioning: "q")

            await site.refreshLeaderboard()
            let board = try await client.execute(uri: "/api/v1/leaderboard?category=coding-assistants", method: .get).json
            #expect(board["category"] as? String == "coding-assistants" && board["computed_at"] is String)
            try await client.execute(uri: "/api/v1/leaderboard?category=nope", method: .get).expectProblem(.notFound, mentioning: "no category")
        }
    }

    @Test("highlights are what home leads with: latest verdicts, closest splits, most-answered comparisons")
    func highlights() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let catalog = CatalogQueries(db.sql)
            let (a, b) = (try #require(try await catalog.tool(slug: "claude-4-sonnet")), try #require(try await catalog.tool(slug: "gpt-4o")))
            try await VoteQueries(db.sql).castMatchup(toolA: a.id, toolB: b.id, choice: .a, origin: VoteOrigin(voter: "a:h", ipHash: "x", userAgentHash: "y"))
            let body = try await client.execute(uri: "/api/v1/highlights", method: .get).json
            let home = try await client.execute(uri: "/", method: .get).text
            let latest = try (body["latest"] as? [Any] ?? []).objects()
            #expect(latest.count == 6)
            for entry in latest { #expect(home.contains(try #require((entry["tool"] as? [String: Any])?["name"] as? String))) }
            let splits = try (body["splits"] as? [Any] ?? []).objects()
            #expect(!splits.isEmpty && splits.allSatisfy { home.contains($0["label"] as? String ?? "-") })
            let popular = try (body["popular_comparisons"] as? [Any] ?? []).objects()
            #expect(popular.count == 1 && popular[0]["answers"] as? Int == 1 && popular[0]["url"] as? String == "/compare/claude-4-sonnet-vs-gpt-4o")
        }
    }

    @Test("HEAD answers wherever GET does, with the same status and headers and no body, on the API and on pages")
    func head() async throws {
        try await withSite { client in
            let get = try await client.execute(uri: "/api/v1/tools/gpt-4o", method: .get)
            let head = try await client.execute(uri: "/api/v1/tools/gpt-4o", method: .head)
            #expect(head.status == .ok && head.body.readableBytes == 0)
            #expect(head.headers[.eTag] == get.headers[.eTag] && head.headers[.contentType] == "application/json")
            let page = try await client.execute(uri: "/tools/gpt-4o", method: .head)
            #expect(page.status == .ok && page.body.readableBytes == 0 && page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(try await client.execute(uri: "/tools/no-such-tool", method: .head).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/tools/gpt-4o/votes", method: .head).status == .methodNotAllowed,
                    "HEAD stands in for GET only where GET is answered")
        }
    }

    @Test("unknown endpoints, wrong methods and oversized bodies are problem documents too")
    func routerLevelProblems() async throws {
        try await withSite { client in
            try await client.execute(uri: "/api/v1/tool", method: .get).expectProblem(.notFound, mentioning: "/api")
            let wrong = try await client.execute(uri: "/api/v1/tools/gpt-4o", method: .delete)
            try wrong.expectProblem(.methodNotAllowed, mentioning: "takes GET and HEAD")
            #expect(wrong.headers[.allow] == "GET, HEAD")
            let votes = try await client.execute(uri: "/api/v1/tools/gpt-4o/votes", method: .get)
            #expect(votes.status == .methodNotAllowed && votes.headers[.allow] == "POST")
            let page = try await client.execute(uri: "/no-such-page", method: .get)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true, "pages keep their HTML error pages")
        }
    }
}
