import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
import VerdictsCore

@Suite("The public API: votes, tokens and limits")
struct APIVoteTests {
    static let json: HTTPFields = [.contentType: "application/json"]

    @Test("a token votes once per person it names, changeably; a revoked token is refused and its votes stay")
    func tokenVotes() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let tokens = APITokenQueries(db.sql)
            let (row, secret) = try await tokens.create(name: "Slack bot", createdBy: "test")
            let stored = try await db.sql.raw("SELECT token_hash FROM api_tokens").first()?.decode(column: "token_hash", as: String.self)
            #expect(stored == AccountQueries.hash(secret) && stored != secret, "only the hash is kept")
            var headers = Self.json
            headers[.authorization] = "Bearer " + secret
            func vote(_ body: String) async throws -> TestResponse {
                try await client.execute(uri: "/api/v1/tools/gpt-4o/votes", method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            _ = try await vote(#"{"choice":"ship","voter":"U1"}"#)
            _ = try await vote(#"{"choice":"skip","voter":"U1"}"#)
            let last = try await vote(#"{"choice":"ship","voter":"U2"}"#)
            #expect(last.status == .ok && last.headers[.cacheControl] == "no-store")
            let community = try #require(try last.json["community"] as? [String: Any])
            #expect(community["ship"] as? Int == 1 && community["skip"] as? Int == 1, "U1 changed their vote, U2 added one")
            let voters = try await db.sql.raw("SELECT voter FROM tool_votes ORDER BY voter").all().map { try $0.decode(column: "voter", as: String.self) }
            #expect(voters == ["t:\(row.id):U1", "t:\(row.id):U2"])

            #expect(try await tokens.revoke(id: row.id))
            let refused = try await vote(#"{"choice":"ship","voter":"U3"}"#)
            try refused.expectProblem(.unauthorized, mentioning: "revoked")
            #expect(refused.headers[.wwwAuthenticate]?.contains("invalid_token") == true)
            #expect(try await VoteQueries(db.sql).toolCounts(toolId: try #require(try await CatalogQueries(db.sql).tool(slug: "gpt-4o")).id)
                    == VoteCounts(ship: 1, skip: 1), "nothing changed, and the revoked token's votes still count")
        }
    }

    @Test("a reader votes with the voter cookie and its CSRF token; without them nothing is stored")
    func cookieVotes() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let voter = try await client.execute(uri: "/api/v1/voter", method: .get)
            let cookie = String(try #require(voter.headers[.setCookie]).split(separator: ";")[0])
            let csrf = try #require(try voter.json["csrf_token"] as? String)
            let body = ByteBuffer(string: #"{"choice":"a"}"#)
            try await client.execute(uri: "/api/v1/compare/gpt-4o/claude-4-sonnet/answers", method: .post, headers: Self.json, body: body)
                .expectProblem(.unauthorized, mentioning: "GET /api/v1/voter")
            var headers = Self.json
            headers[.cookie] = cookie
            try await client.execute(uri: "/api/v1/compare/gpt-4o/claude-4-sonnet/answers", method: .post, headers: headers, body: body)
                .expectProblem(.forbidden, mentioning: "X-CSRF-Token")
            headers[HTTPField.Name("X-CSRF-Token")!] = csrf
            let answered = try await client.execute(uri: "/api/v1/compare/gpt-4o/claude-4-sonnet/answers", method: .post, headers: headers, body: body)
            let tally = try #require(try answered.json["head_to_head"] as? [String: Any])
            #expect(tally["a"] as? Int == 1 && tally["b"] as? Int == 0, "'a' is the first slug of the address, gpt-4o")
            let comparison = try await client.execute(uri: "/api/v1/compare/claude-4-sonnet/gpt-4o", method: .get).json
            #expect((comparison["head_to_head"] as? [String: Any])?["b"] as? Int == 1, "in canonical order gpt-4o is b")
            let withVoter = ByteBuffer(string: #"{"choice":"ship","voter":"someone"}"#)
            try await client.execute(uri: "/api/v1/tools/gpt-4o/votes", method: .post, headers: headers, body: withVoter)
                .expectProblem(.unprocessableContent, mentioning: "API token")
            let stored = try await db.sql.raw("SELECT COUNT(*) AS n FROM matchup_votes").first()?.decode(column: "n", as: Int.self)
            #expect(stored == 1)
        }
    }

    @Test("bodies that are not votes are refused with a reason and change nothing")
    func badBodies() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let (_, secret) = try await APITokenQueries(db.sql).create(name: "bodies", createdBy: "test")
            var headers = Self.json
            headers[.authorization] = "Bearer " + secret
            func post(_ body: String, _ fields: HTTPFields) async throws -> TestResponse {
                try await client.execute(uri: "/api/v1/tools/gpt-4o/votes", method: .post, headers: fields, body: ByteBuffer(string: body))
            }
            try await post(#"{"choice":"maybe"}"#, headers).expectProblem(.unprocessableContent, mentioning: #""ship" or "skip""#)
            try await post(#"{"choice":"ship","chioce":"skip"}"#, headers).expectProblem(.unprocessableContent, mentioning: "'chioce'")
            try await post(#"["ship"]"#, headers).expectProblem(.unprocessableContent, mentioning: "JSON object")
            try await post("{\"choice\":\"ship\"", headers).expectProblem(.badRequest, mentioning: "not valid JSON")
            try await post(#"{"choice":"ship","voter":"has space"}"#, headers).expectProblem(.unprocessableContent, mentioning: "1 to 60")
            var form = headers
            form[.contentType] = "application/x-www-form-urlencoded"
            try await post("choice=ship", form).expectProblem(.unsupportedMediaType, mentioning: "application/json")
            try await post("[" + String(repeating: "1,", count: 40_000) + "1]", headers).expectProblem(.contentTooLarge, mentioning: "64 KiB")
            var basic = headers
            basic[.authorization] = "Basic dXNlcjpwYXNz"
            try await post(#"{"choice":"ship"}"#, basic).expectProblem(.unauthorized, mentioning: "Bearer")
            let votes = try await db.sql.raw("SELECT COUNT(*) AS n FROM vote_events").first()?.decode(column: "n", as: Int.self)
            #expect(votes == 0)
        }
    }

    @Test("past the per-client limit the API answers 429 with Retry-After; 0 turns the limit off")
    func rateLimit() async throws {
        try await withSite(apiRequestsPerMinute: 5) { client in
            for _ in 0..<5 {
                let status = try await client.execute(uri: "/api/v1/personas", method: .get).status
                #expect(status == .ok)
            }
            let limited = try await client.execute(uri: "/api/v1/personas", method: .get)
            try limited.expectProblem(.tooManyRequests, mentioning: "Retry-After")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(try await client.execute(uri: "/tools/gpt-4o", method: .get).status == .ok, "pages are not limited by the API's budget")
        }
        try await withSiteAndDatabase(apiRequestsPerMinute: 5) { client, _, db, _ in
            for n in 0..<5 {
                let invented: HTTPFields = [.authorization: "Bearer vdt_" + String(repeating: String(n), count: 64)]
                let status = try await client.execute(uri: "/api/v1/personas", method: .get, headers: invented).status
                #expect(status == .ok)
            }
            let invented: HTTPFields = [.authorization: "Bearer vdt_" + String(repeating: "9", count: 64)]
            #expect(try await client.execute(uri: "/api/v1/personas", method: .get, headers: invented).status == .tooManyRequests,
                    "invented tokens share their address's budget")
            let (_, secret) = try await APITokenQueries(db.sql).create(name: "own budget", createdBy: "test")
            #expect(try await client.execute(uri: "/api/v1/personas", method: .get, headers: [.authorization: "Bearer " + secret]).status == .ok,
                    "a live token has a budget of its own")
        }
        try await withSite(apiRequestsPerMinute: 0) { client in
            for _ in 0..<50 {
                let status = try await client.execute(uri: "/api/v1/categories", method: .get).status
                #expect(status == .ok)
            }
        }
    }
}
