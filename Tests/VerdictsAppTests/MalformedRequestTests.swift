import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
import VerdictsApp
import VerdictsCore

/// Text a reader's browser never sends — escapes that are not UTF-8, form bytes that are not
/// UTF-8 — is refused with 400 and a sentence, instead of being read with replacement characters.
/// (scripts/hostile-test runs the whole corpus against a live site; these pin the refusals down.)
@Suite("Malformed requests")
struct MalformedRequestTests {
    @Test("a query string whose escapes are not UTF-8 gets 400 on pages and in the API; well-formed ones still work")
    func malformedQuery() async throws {
        try await withSiteAndDatabase { client, _, _, _ in
            for query in ["q=%FF", "q=%C3%28", "q=%E2%82", "q=100%"] {
                let page = try await client.execute(uri: "/search?" + query, method: .get)
                #expect(page.status == .badRequest && page.text.contains("do not decode to UTF-8"), "\(query)")
                let api = try await client.execute(uri: "/api/v1/search?" + query, method: .get)
                #expect(api.status == .badRequest && api.headers[.contentType] == "application/problem+json", "\(query)")
            }
            #expect(try await client.execute(uri: "/search?q=100%25+caf%C3%A9", method: .get).status == .ok)
        }
    }

    @Test("an admin form that is not UTF-8 gets 400 and changes nothing")
    func malformedAdminForm() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let admin = try await Reader.visit("/", with: client).signedIn(as: "admin@example.com", role: .admin, db: db)
            let before = try #require(try await CatalogQueries(db.sql).tool(slug: "ollama"))
            var bytes = ByteBuffer(string: "csrf=\(admin.csrf)&tagline=Bad")
            bytes.writeBytes([0xFF, 0xFE])
            let raw = try await client.execute(uri: "/admin/tools/ollama", method: .post,
                                               headers: [.cookie: admin.cookie, .contentType: "application/x-www-form-urlencoded"], body: bytes)
            #expect(raw.status == .badRequest && raw.text.contains("not valid UTF-8"))
            let escaped = try await admin.post("/admin/tools/ollama", "tagline=Bad%FF", client: client)
            #expect(escaped.status == .badRequest)
            #expect(try await CatalogQueries(db.sql).tool(slug: "ollama")?.tagline == before.tagline)
        }
    }

    @Test("revoking an API token by something that is not a number gets 404")
    func revokeByName() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let admin = try await Reader.visit("/", with: client).signedIn(as: "admin@example.com", role: .admin, db: db)
            let answer = try await admin.post("/admin/api-tokens/%3Cb%3E/revoke", "", client: client)
            #expect(answer.status == .notFound && answer.text.contains("API tokens are numbered"))
        }
    }
}
