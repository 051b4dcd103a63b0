import Foundation
import Hummingbird
import HummingbirdTesting
import Mail
import Testing
import TestSupport
import VerdictsApp
import VerdictsCore

@Suite("Accounts: magic-link sign-in, sessions, bookmarks and votes that follow the account")
struct AccountTests {
    /// Asks for a link as `reader` and returns the confirmation path from the email.
    static func requestLink(_ email: String, _ reader: Reader, _ client: any TestClientProtocol, _ outbox: URL) async throws -> String {
        let before = try NewsletterTests.outbox(outbox).count
        let response = try await reader.post("/signin", "email=\(email)", client: client)
        #expect(response.text.contains("a sign-in link is on its way"))
        let mails = try NewsletterTests.outbox(outbox)
        #expect(mails.count == before + 1)
        return try NewsletterTests.link(in: try #require(mails.last), path: "/signin/confirm?token=")
    }

    @Test("a link signs in once, within 15 minutes; the session cookie is HttpOnly, SameSite=Lax and Secure; browser bookmarks merge in")
    func signInFlow() async throws {
        try await withSiteAndDatabase { client, _, db, outbox in
            let reader = try await Reader.visit("/signin", with: client)
            let link = try await Self.requestLink("Reader%40Example.com", reader, client, outbox)
            let token = String(try #require(link.split(separator: "=").last))
            let stored = try await db.sql.raw("SELECT token_hash FROM login_tokens").all()
            #expect(stored.count == 1)
            #expect(try stored[0].decode(column: "token_hash", as: String.self) != token, "only the hash is stored")

            let page = try await reader.get(link, client: client)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"name="token" value="\#(token)""#))
            #expect(page.text.contains("data-bookmarks-merge"))

            let signedIn = try await reader.post("/signin/confirm", "token=\(token)&bookmarks=gpt-4o%2Cno-such-tool%2Collama", client: client)
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/bookmarks")
            let cookie = try #require(signedIn.headers[.setCookie])
            #expect(cookie.hasPrefix("verdicts_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Secure"))
            let session = String(cookie.split(separator: ";")[0])
            let account = Reader(cookie: reader.cookie + "; " + session, csrf: reader.csrf)

            let bookmarks = try await account.get("/bookmarks", client: client)
            #expect(bookmarks.text.contains("reader@example.com"))
            #expect(bookmarks.text.contains("Sign out"))
            #expect(bookmarks.text.contains(#"<li><a href="/tools/gpt-4o">GPT-4o</a></li>"#))
            #expect(bookmarks.text.contains(#"<li><a href="/tools/ollama">Ollama</a></li>"#))
            #expect(bookmarks.text.contains("<body data-account>"))
            #expect(bookmarks.text.contains(#"<option value="ollama" selected>Ollama</option>"#), "the second picker starts on the second bookmark")

            let again = try await reader.post("/signin/confirm", "token=\(token)", client: client)
            #expect(again.status == .notFound, "a link works once")
            #expect(again.text.contains("That sign-in link has expired"))
            #expect(try await reader.get(link, client: client).status == .notFound)
        }
    }

    @Test("on the site's clock: a link still works at 14 minutes and not at 16; a session ends after 30 days")
    func lifetimesFollowTheClock() async throws {
        let clock = ManualClock()
        try await withSiteAndDatabase(clock: clock) { client, _, _, outbox in
            let reader = try await Reader.visit("/signin", with: client)
            let late = String(try #require(try await Self.requestLink("late%40example.com", reader, client, outbox).split(separator: "=").last))
            clock.advance(by: 16 * 60)
            #expect(try await reader.get("/signin/confirm?token=\(late)", client: client).status == .notFound, "16 minutes on")

            let link = try await Self.requestLink("on-time%40example.com", reader, client, outbox)
            let token = String(try #require(link.split(separator: "=").last))
            clock.advance(by: 14 * 60)
            let signedIn = try await reader.post("/signin/confirm", "token=\(token)", client: client)
            #expect(signedIn.status == .seeOther, "14 minutes on")
            let session = String(try #require(signedIn.headers[.setCookie]).split(separator: ";")[0])
            let account = Reader(cookie: reader.cookie + "; " + session, csrf: reader.csrf)
            #expect(try await account.get("/account/bookmarks", client: client).status == .ok)
            clock.advance(by: AccountQueries.sessionLifetime - 60)
            #expect(try await account.get("/account/bookmarks", client: client).status == .ok, "a minute before it ends")
            clock.advance(by: 120)
            #expect(try await account.get("/account/bookmarks", client: client).status == .unauthorized, "a minute after")
        }
    }

    @Test("an expired link, a made-up token and a missing CSRF token sign nobody in")
    func refusedLinks() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let reader = try await Reader.visit("/signin", with: client)
            let old = try await AccountQueries(db.sql).createLoginToken(email: "late@example.com", now: Date().addingTimeInterval(-16 * 60))
            #expect(try await reader.post("/signin/confirm", "token=\(old)", client: client).status == .notFound)
            let fresh = try await AccountQueries(db.sql).createLoginToken(email: "on-time@example.com")
            #expect(try await reader.post("/signin/confirm", "token=\(String(repeating: "a", count: 64))", client: client).status == .notFound)
            let noCSRF = try await client.execute(uri: "/signin/confirm", method: .post,
                headers: [.cookie: reader.cookie, .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "token=\(fresh)"))
            #expect(noCSRF.status == .forbidden)
            #expect(try await AccountQueries(db.sql).user(email: "on-time@example.com") == nil)
            #expect(try await AccountQueries(db.sql).loginTokenIsUsable(fresh), "a refused attempt does not use the link up")
            let bad = try await reader.post("/signin", "email=not-an-address", client: client)
            #expect(bad.status == .badRequest)
        }
    }

    @Test("votes cast before signing in become the account's, and one person is never counted twice")
    func votesFollowTheAccount() async throws {
        try await withSiteAndDatabase { client, _, db, outbox in
            let tool = try #require(try await CatalogQueries(db.sql).tool(slug: "gpt-4o"))
            let laptop = try await Reader.visit("/tools/gpt-4o", with: client)
            _ = try await laptop.post("/tools/gpt-4o/vote", "choice=ship", client: client)
            let phone = try await Reader.visit("/tools/gpt-4o", with: client)
            _ = try await phone.post("/tools/gpt-4o/vote", "choice=skip", client: client)
            #expect(try await VoteQueries(db.sql).toolCounts(toolId: tool.id).total == 2)

            for device in [laptop, phone] {
                let link = try await Self.requestLink("same%40example.com", device, client, outbox)
                let token = String(try #require(link.split(separator: "=").last))
                #expect(try await device.post("/signin/confirm", "token=\(token)", client: client).status == .seeOther)
            }
            let counts = try await VoteQueries(db.sql).toolCounts(toolId: tool.id)
            #expect(counts.total == 1, "the account's vote (the laptop's ship) stands; the phone's anonymous skip went")
            #expect(counts.ship == 1)
            let user = try #require(try await AccountQueries(db.sql).user(email: "same@example.com"))
            #expect(try await VoteQueries(db.sql).toolVote(toolId: tool.id, voter: "u:\(user.id)") == .ship)
            let trail = try await VoteModeration(db.sql).audit()
            #expect(trail.count == 2 && trail.allSatisfy { $0.voter == "u:\(user.id)" }, "the audit trail names the account")
        }
    }

    @Test("signed-in bookmarks live on the server; sign-out ends the session everywhere")
    func bookmarksAndSignOut() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let reader = try await Reader.visit("/", with: client)
            #expect(try await reader.post("/account/bookmarks", "slug=gpt-4o&on=1", json: true, client: client).status == .unauthorized)
            let account = try await reader.signedIn(as: "keeper@example.com", db: db)
            let added = try await account.post("/account/bookmarks", "slug=gpt-4o&on=1", json: true, client: client)
            #expect(added.status == .ok)
            #expect(added.text == #"{"bookmarks":[{"name":"GPT-4o","slug":"gpt-4o"}]}"#)
            #expect(try await account.post("/account/bookmarks", "slug=nope&on=1", json: true, client: client).status == .notFound)
            let forged = try await client.execute(uri: "/account/bookmarks", method: .post,
                headers: [.cookie: account.cookie, .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "slug=ollama&on=1&csrf=0"))
            #expect(forged.status == .forbidden)
            let merged = try await account.post("/account/bookmarks", "merge=ollama,gpt-4o", json: true, client: client)
            #expect(merged.text.contains("ollama") && merged.text.components(separatedBy: "gpt-4o").count == 2)
            let removed = try await account.post("/account/bookmarks", "slug=gpt-4o&on=0", json: true, client: client)
            #expect(removed.text == #"{"bookmarks":[{"name":"Ollama","slug":"ollama"}]}"#)

            let out = try await account.post("/signout", "", client: client)
            #expect(out.status == .seeOther)
            #expect(out.headers[.setCookie]?.hasPrefix("verdicts_session=;") == true)
            #expect(try await account.get("/account/bookmarks", client: client).status == .unauthorized, "the old cookie no longer works")
            #expect(try await db.sql.raw("SELECT id FROM sessions").all().isEmpty)
        }
    }

    @Test("a session made by one app instance works on another sharing the database")
    func sessionsAcrossInstances() async throws {
        try await withSiteAndDatabase { client, _, db, outbox in
            let reader = try await Reader.visit("/", with: client)
            let account = try await reader.signedIn(as: "roamer@example.com", db: db)
            let other = try await Site(database: db, baseURL: "https://verdicts.test", mail: OutboxTransport(folder: outbox),
                                       mailFrom: MailAddress("verdicts@verdicts.test")!)
            try await Application(router: buildRouter(site: other)).test(.router) { second in
                let page = try await second.execute(uri: "/bookmarks", method: .get, headers: [.cookie: account.cookie])
                #expect(page.text.contains("roamer@example.com"))
            }
        }
    }
}
