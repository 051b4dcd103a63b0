import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
import VerdictsApp
import VerdictsCore

@Suite("The admin desk: API tokens")
struct AdminTokenTests {
    @Test("an admin creates a token, sees its secret once, and revokes it; the token votes until then")
    func createAndRevoke() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let visitor = try await Reader.visit("/", with: client)
            let reader = try await visitor.signedIn(as: "reader@example.com", db: db)
            #expect(try await reader.post("/admin/api-tokens", "name=Sneaky", client: client).status == .forbidden)
            let admin = try await visitor.signedIn(as: "admin@example.com", role: .admin, db: db)
            let created = try await admin.post("/admin/api-tokens", "name=Slack+bot", client: client)
            #expect(created.status == .ok && created.headers[.cacheControl] == "no-store")
            let secret = String(try #require(created.text.firstMatch(of: /vdt_[0-9a-f]{64}/)?.0))
            #expect(try await admin.get("/admin/api-tokens", client: client).text.contains(secret) == false, "shown once, never again")
            let row = try #require(try await APITokenQueries(db.sql).all().first)
            #expect(row.name == "Slack bot" && row.createdBy == "admin@example.com")

            let vote = { @Sendable () async throws -> HTTPResponse.Status in
                try await client.execute(uri: "/api/v1/tools/gpt-4o/votes", method: .post,
                                         headers: [.contentType: "application/json", .authorization: "Bearer " + secret],
                                         body: ByteBuffer(string: #"{"choice":"ship"}"#)).status
            }
            #expect(try await vote() == .ok)
            let revoked = try await admin.post("/admin/api-tokens/\(row.id)/revoke", "", client: client)
            #expect(revoked.status == .seeOther)
            #expect(try await vote() == .unauthorized)
            #expect(try await admin.get("/admin/api-tokens", client: client).text.contains("Revoked"))

            let blank = try await admin.post("/admin/api-tokens", "name=", client: client)
            #expect(blank.status == .unprocessableContent && blank.text.contains("nothing was created"))
            #expect(try await APITokenQueries(db.sql).all().count == 1)
        }
    }
}
