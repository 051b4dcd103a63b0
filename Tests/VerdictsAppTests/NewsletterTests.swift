import Foundation
import Hummingbird
import HummingbirdTesting
import Mail
import Testing
import TestSupport
import VerdictsCore

@Suite("Newsletter signup")
struct NewsletterTests {
    /// The messages in the outbox, oldest first.
    static func outbox(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "eml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
            .map { try String(contentsOf: $0, encoding: .utf8) }
    }

    /// The first link starting with `path` in any base64 body part of a message, relative to the site.
    static func link(in message: String, path: String) throws -> String {
        let site = "https://verdicts.test"
        for chunk in message.components(separatedBy: "\r\n\r\n") {
            guard let data = Data(base64Encoded: chunk.replacingOccurrences(of: "\r\n", with: "")),
                  let text = String(data: data, encoding: .utf8), let start = text.range(of: site + path)
            else { continue }
            return String(text[start.lowerBound...].prefix { !$0.isWhitespace && $0 != "\"" }.dropFirst(site.count))
        }
        throw LinkNotFound()
    }

    struct LinkNotFound: Error {}

    @Test("signup sends a confirmation to the outbox, and its link confirms the address")
    func doubleOptIn() async throws {
        try await withSiteAndDatabase { client, _, db, outbox in
            let reader = try await Reader.visit("/newsletter", with: client)
            let response = try await reader.post("/newsletter", "email=Reader%40Example.com", client: client)
            #expect(response.status == .ok)
            #expect(response.text.contains("Check your inbox"))
            let mails = try Self.outbox(outbox)
            #expect(mails.count == 1)
            let mail = try #require(mails.first)
            #expect(mail.contains("To: reader@example.com"))
            #expect(mail.contains("Subject: Confirm your subscription to Weekly AI Tool Verdicts"))
            #expect(mail.contains("Content-Type: multipart/alternative"))
            #expect(mail.contains("Content-Type: text/plain; charset=utf-8") && mail.contains("Content-Type: text/html; charset=utf-8"))
            #expect(mail.contains("Message-ID: <") && mail.contains("\r\nDate: "))
            #expect(try await SubscriberQueries(db.sql).subscriber(email: "reader@example.com")?.status == .pending)

            let confirm = try Self.link(in: mail, path: "/newsletter/confirm?token=")
            try await client.execute(uri: confirm, method: .get) { page in
                #expect(page.status == .ok)
                #expect(page.text.contains("You are subscribed"))
            }
            #expect(try await SubscriberQueries(db.sql).subscriber(email: "reader@example.com")?.status == .confirmed)
            try await client.execute(uri: confirm.replacingOccurrences(of: "token=1.", with: "token=1.0"), method: .get) { page in
                #expect(page.status == .notFound, "a tampered link does nothing")
            }
        }
    }

    @Test("no answer reveals whether an address is subscribed; a malformed one gets a clear message")
    func noLeaks() async throws {
        try await withSiteAndDatabase { client, _, db, outbox in
            let reader = try await Reader.visit("/", with: client)
            let first = try await reader.post("/newsletter", "email=a%40example.com", client: client)
            let subscriber = try #require(try await SubscriberQueries(db.sql).subscriber(email: "a@example.com"))
            _ = try await SubscriberQueries(db.sql).confirm(id: subscriber.id)
            let again = try await reader.post("/newsletter", "email=a%40example.com", client: client)
            let fresh = try await reader.post("/newsletter", "email=b%40example.com", client: client)
            #expect(first.text == again.text && again.text == fresh.text, "same page for new and confirmed addresses")
            #expect(try Self.outbox(outbox).count == 2, "a confirmed address is not mailed again")
            for bad in ["not-an-address", "a%40b", "x%0d%0aBcc%3a+victim%40example.com%40example.com", "a+b%40example.com%3E"] {
                let response = try await reader.post("/newsletter", "email=\(bad)", client: client)
                #expect(response.status == .badRequest, "\(bad)")
                #expect(response.text.contains("does not look right"))
            }
            #expect(try Self.outbox(outbox).count == 2)
        }
    }

    @Test("one-click unsubscribe works from the page and as an RFC 8058 POST")
    func unsubscribe() async throws {
        try await withSiteAndDatabase { client, site, db, _ in
            let queries = SubscriberQueries(db.sql)
            guard case .confirmationNeeded(let row) = try await queries.signUp(email: "c@example.com") else {
                Issue.record("a new address needs confirming"); return
            }
            _ = try await queries.confirm(id: row.id)
            #expect(try await client.execute(uri: "/newsletter/unsubscribe?token=\(row.id).bad", method: .get).status == .notFound)
            let link = site.unsubscribePath(for: try #require(try await queries.subscriber(id: row.id)))
            try await client.execute(uri: link, method: .get) { page in
                #expect(page.text.contains(#"<input type="hidden" name="List-Unsubscribe" value="One-Click">"#))
            }
            try await client.execute(uri: link, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "List-Unsubscribe=One-Click")) { page in
                #expect(page.status == .ok)
                #expect(page.text.contains("You are unsubscribed"))
            }
            #expect(try await queries.subscriber(id: row.id)?.status == .unsubscribed)
        }
    }

    @Test("unconfirmed signups are forgotten after 7 days, confirmed ones are kept")
    func purge() async throws {
        try await TestDatabase.withFresh { db in
            let queries = SubscriberQueries(db.sql)
            let old = Date().addingTimeInterval(-8 * 24 * 3600)
            _ = try await queries.signUp(email: "old@example.com", now: old)
            _ = try await queries.signUp(email: "kept@example.com", now: old)
            _ = try await queries.confirm(id: try #require(try await queries.subscriber(email: "kept@example.com")).id)
            _ = try await queries.signUp(email: "new@example.com")
            #expect(try await queries.purgeUnconfirmed() == 1)
            #expect(try await queries.subscriber(email: "old@example.com") == nil)
            #expect(try await queries.subscriber(email: "kept@example.com") != nil)
            #expect(try await queries.subscriber(email: "new@example.com") != nil)
        }
    }
}
