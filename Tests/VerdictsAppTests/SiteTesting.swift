import Foundation
import Hummingbird
import Mail
import Testing
import HummingbirdTesting
import TestSupport
import VerdictsApp
import VerdictsCatalog
import VerdictsCore

/// Runs `body` against the site's router on a fresh database holding the demo catalog
/// (plus any extra catalog folder), without opening a socket.
func withSite(
    extraCatalog: String? = nil,
    apiRequestsPerMinute: Int = Site.defaultAPIRequestsPerMinute,
    _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    try await withSiteAndDatabase(extraCatalog: extraCatalog, apiRequestsPerMinute: apiRequestsPerMinute) { client, _, _, _ in try await body(client) }
}

/// The same, with the site, its database and its mail outbox folder at hand for tests that look behind the pages.
func withSiteAndDatabase(
    extraCatalog: String? = nil,
    mail: (any MailTransport)? = nil,
    apiRequestsPerMinute: Int = Site.defaultAPIRequestsPerMinute,
    cachesPages: Bool = true,
    clock: any SiteClock = SystemClock(),
    _ body: @escaping @Sendable (any TestClientProtocol, Site, AppDatabase, URL) async throws -> Void
) async throws {
    try await TestDatabase.withFresh { db in
        let importer = CatalogImporter(database: db)
        try await importer.importCatalog(at: Repository.demoCatalog)
        if let extraCatalog { try await importer.importCatalog(at: extraCatalog) }
        let outbox = try Repository.temporaryFolder()
        let site = try await Site(database: db, baseURL: "https://verdicts.test", mail: mail ?? OutboxTransport(folder: outbox),
                                  mailFrom: MailAddress("verdicts@verdicts.test", name: "Verdicts")!, toolEditor: ToolEditor(database: db),
                                  apiRequestsPerMinute: apiRequestsPerMinute, cachesPages: cachesPages, clock: clock)
        let app = Application(router: buildRouter(site: site))
        do {
            try await app.test(.router) { client in try await body(client, site, db, outbox) }
        } catch {
            await site.stopBackgroundWork()
            throw error
        }
        await site.stopBackgroundWork()
    }
}

/// A reader with a voting cookie and the CSRF token a page would give them.
struct Reader: Sendable {
    let cookie: String
    let csrf: String

    /// Opens `page` like a new reader, keeping the cookie it sets and the form's token.
    static func visit(_ page: String, with client: any TestClientProtocol) async throws -> Reader {
        let response = try await client.execute(uri: page, method: .get)
        let setCookie = try #require(response.headers[.setCookie])
        let cookie = String(setCookie.split(separator: ";")[0])
        let csrf = try #require(response.text.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.1)
        return Reader(cookie: cookie, csrf: String(csrf))
    }

    /// The same reader signed in as `email` (a session made directly, as the sign-in link would).
    func signedIn(as email: String, role: UserRole = .reader, db: AppDatabase) async throws -> Reader {
        let accounts = AccountQueries(db.sql)
        let user = try await accounts.setRole(email: email, role)
        return Reader(cookie: cookie + "; verdicts_session=" + (try await accounts.createSession(userId: user.id)), csrf: csrf)
    }

    func get(_ uri: String, client: any TestClientProtocol) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
    }

    func post(_ uri: String, _ fields: String, json: Bool = false, client: any TestClientProtocol) async throws -> TestResponse {
        var headers: HTTPFields = [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
        if json { headers[.accept] = "application/json" }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: fields + "&csrf=\(csrf)"))
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
