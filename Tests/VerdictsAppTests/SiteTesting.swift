import Hummingbird
import HummingbirdTesting
import TestSupport
import VerdictsApp
import VerdictsCatalog
import VerdictsCore

/// Runs `body` against the site's router on a fresh database holding the demo catalog
/// (plus any extra catalog folder), without opening a socket.
func withSite(
    extraCatalog: String? = nil,
    _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    try await TestDatabase.withFresh { db in
        let importer = CatalogImporter(database: db)
        try await importer.importCatalog(at: Repository.demoCatalog)
        if let extraCatalog { try await importer.importCatalog(at: extraCatalog) }
        let site = try await Site(database: db, baseURL: "https://verdicts.test")
        let app = Application(router: buildRouter(site: site))
        try await app.test(.router, body)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
