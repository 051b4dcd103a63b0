import SQLKit
import VerdictsCore

/// `/methodology`: how the panel works, that it is AI-written, and which model wrote which reviews.
struct MethodologyView: PageView {
    struct PersonaLink: Sendable {
        let name: String
        let motto: String
        let url: String
        let promptVersion: Int
    }

    struct Authorship: Sendable {
        let writer: String
        let reviews: Int
    }

    var meta: PageMeta
    let personas: [PersonaLink]
    let authorship: [Authorship]

    static func load(site: Site) async throws -> MethodologyView {
        struct Row: Decodable { var source: String; var model: String?; var n: Int }
        let rows = try await site.database.sql.raw("""
            SELECT source, model, COUNT(*) AS n FROM reviews GROUP BY source, model ORDER BY n DESC
            """).all(decoding: Row.self)
        return MethodologyView(
            meta: site.meta(
                title: "How the Verdicts panel works — methodology",
                description: "How AI reviewer personas score tools, how their output is checked, and which model wrote which review.",
                path: SiteURL.methodology.path),
            personas: try await CatalogQueries(site.database.sql).personas().map {
                PersonaLink(name: $0.name, motto: $0.motto, url: SiteURL.persona($0.slug).path, promptVersion: $0.promptVersion)
            },
            authorship: rows.map {
                Authorship(writer: $0.source == "editorial" ? "Editorial, in each persona's voice" : ($0.model ?? "A language model"),
                           reviews: $0.n)
            })
    }
}
