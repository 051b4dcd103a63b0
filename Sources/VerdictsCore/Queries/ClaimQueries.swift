import Foundation
import SQLKit

/// An editorial review's claims as `verdicts panel claims` reports them.
public struct ReviewClaimReport: Sendable, Equatable {
    public var toolSlug: String
    public var personaSlug: String
    public var claims: [Claim]
}

/// The claim check's reads and writes: which catalog tools a text names, and the stored claims of
/// editorial reviews, which are checked again whenever the catalog changes.
public struct ClaimQueries: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Tools whose name occurs in `text`, ignoring case: the candidates the checker then holds to
    /// case and whole words. One scan of the names, however large the catalog.
    public func toolsNamed(in text: String) async throws -> [ToolRow] {
        try await sql.rows("""
            SELECT \(unsafeRaw: ToolRow.columns) FROM tools
            WHERE length(name) >= 2 AND lower(CAST(\(bind: text) AS TEXT)) LIKE '%' || lower(name) || '%'
            """)
    }

    /// The persona's own texts, which a review may echo ("twelve months" from the rubric).
    public static func context(of persona: PersonaRow) -> [String] {
        [persona.systemPrompt, persona.motto, persona.rewards, persona.punishes] + persona.rubricQuestions
    }

    /// Up to this many tools, a recheck indexes the whole catalog once; past it, each review looks
    /// up only the tools it names (a synthetic catalog of 100,000 would take minutes to index).
    static let wholeCatalogLimit = 2_000

    /// Checks the editorial reviews of `toolIds` (all when nil) again against today's catalog and
    /// stores what it finds; returns each review's claims, by tool and persona.
    @discardableResult
    public func recheckEditorial(toolIds: Set<Int>? = nil) async throws -> [ReviewClaimReport] {
        struct Row: Decodable {
            var id: Int; var toolId: Int; var personaId: Int; var text: String; var claims: String
        }
        let scope: SQLQueryString = toolIds.map { "AND pr.tool_id IN (\(binds: Array($0)))" } ?? ""
        let chosen: [Row] = try await sql.rows("""
            SELECT r.id, pr.tool_id, r.persona_id, r.text, r.claims FROM reviews r
            JOIN panel_runs pr ON pr.id = r.run_id
            WHERE r.source = 'editorial' \(scope)
            ORDER BY pr.tool_id, r.persona_id
            """)
        guard !chosen.isEmpty else { return [] }
        let catalog = CatalogQueries(sql)
        let whole = try await catalog.toolCount() <= Self.wholeCatalogLimit
        let wholeCatalog = whole ? try await catalog.tools() : []
        let wholeFacts = CatalogFacts(tools: wholeCatalog)
        let subjects = whole ? wholeCatalog : try await catalog.tools(ids: Array(Set(chosen.map(\.toolId))))
        let toolsById = Dictionary(uniqueKeysWithValues: subjects.map { ($0.id, $0) })
        let categories = Dictionary(uniqueKeysWithValues: try await catalog.categories().map { ($0.id, $0.name) })
        let personas = Dictionary(uniqueKeysWithValues: try await catalog.personas().map { ($0.id, $0) })
        var reports: [ReviewClaimReport] = []
        for row in chosen {
            guard let tool = toolsById[row.toolId], let persona = personas[row.personaId] else { continue }
            let facts = whole ? wholeFacts : CatalogFacts(tools: try await toolsNamed(in: row.text))
            let checker = ClaimChecker(tool: tool, category: categories[tool.categoryId] ?? "", catalog: facts, context: Self.context(of: persona))
            let claims = checker.claims(in: row.text)
            let encoded = Claim.encode(claims)
            if encoded != row.claims {
                try await sql.raw("UPDATE reviews SET claims = \(bind: encoded) WHERE id = \(bind: row.id)").run()
            }
            reports.append(ReviewClaimReport(toolSlug: tool.slug, personaSlug: persona.slug, claims: claims))
        }
        return reports.sorted { ($0.toolSlug, $0.personaSlug) < ($1.toolSlug, $1.personaSlug) }
    }
}
