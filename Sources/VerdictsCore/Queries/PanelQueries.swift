import Foundation
import SQLKit

/// One review as a page shows it: the review, who wrote it, and the run it came from.
public struct PanelReview: Codable, Sendable, Equatable, ColumnNamedRow {
    public var personaSlug: String
    public var personaName: String
    public var personaPosition: Int
    public var score: Int
    public var verdict: Verdict
    public var text: String
    public var source: ReviewSource
    public var model: String?
    public var promptVersion: Int
    public var createdAt: Date
    public var runId: Int
    /// The claims found in the text, each traced to the facts or not (stored as JSON).
    public var claims: [Claim]
    /// The model that wrote it comes from the reviewed tool's vendor.
    public var sameVendor: Bool
    /// How it held up when the panel was asked again; set by `StabilityQueries.attach`, not stored.
    public var stability: ReviewStability?

    /// The column names themselves (see `ToolRow.CodingKeys`); the API's snake_case encoding of
    /// them is unchanged, since converting a snake_case name leaves it as it is.
    enum CodingKeys: String, CodingKey {
        case score, verdict, text, source, model
        case personaSlug = "persona_slug", personaName = "persona_name", personaPosition = "persona_position"
        case promptVersion = "prompt_version", createdAt = "created_at", runId = "run_id"
        case claims, sameVendor = "same_vendor"
    }

    public init(from decoder: any Decoder) throws {
        let row = try decoder.container(keyedBy: CodingKeys.self)
        personaSlug = try row.decode(String.self, forKey: .personaSlug)
        personaName = try row.decode(String.self, forKey: .personaName)
        personaPosition = try row.decode(Int.self, forKey: .personaPosition)
        score = try row.decode(Int.self, forKey: .score)
        verdict = try row.decode(Verdict.self, forKey: .verdict)
        text = try row.decode(String.self, forKey: .text)
        source = try row.decode(ReviewSource.self, forKey: .source)
        model = try row.decodeIfPresent(String.self, forKey: .model)
        promptVersion = try row.decode(Int.self, forKey: .promptVersion)
        createdAt = try row.decode(Date.self, forKey: .createdAt)
        runId = try row.decode(Int.self, forKey: .runId)
        claims = Claim.decode(try row.decodeIfPresent(String.self, forKey: .claims) ?? "[]")
        sameVendor = try row.decodeIfPresent(Bool.self, forKey: .sameVendor) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var row = encoder.container(keyedBy: CodingKeys.self)
        try row.encode(personaSlug, forKey: .personaSlug)
        try row.encode(personaName, forKey: .personaName)
        try row.encode(personaPosition, forKey: .personaPosition)
        try row.encode(score, forKey: .score)
        try row.encode(verdict, forKey: .verdict)
        try row.encode(text, forKey: .text)
        try row.encode(source, forKey: .source)
        try row.encode(model, forKey: .model)
        try row.encode(promptVersion, forKey: .promptVersion)
        try row.encode(createdAt, forKey: .createdAt)
        try row.encode(runId, forKey: .runId)
        try row.encode(Claim.encode(claims), forKey: .claims)
        try row.encode(sameVendor, forKey: .sameVendor)
    }

    /// Claims that were not traced to the facts.
    public var untracedClaims: [Claim] { claims.filter { !$0.supported } }

    public init(
        personaSlug: String, personaName: String, personaPosition: Int, score: Int, verdict: Verdict, text: String,
        source: ReviewSource, model: String?, promptVersion: Int, createdAt: Date, runId: Int = 0,
        claims: [Claim] = [], sameVendor: Bool = false
    ) {
        (self.runId, self.claims, self.sameVendor) = (runId, claims, sameVendor)
        (self.personaSlug, self.personaName, self.personaPosition) = (personaSlug, personaName, personaPosition)
        (self.score, self.verdict, self.text, self.source) = (score, verdict, text, source)
        (self.model, self.promptVersion, self.createdAt) = (model, promptVersion, createdAt)
    }
}

public struct PanelQueries: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// True for a complete run `pr` that no later complete run of its tool replaced: the run whose
    /// reviews are the tool's panel verdict.
    static var isLatestComplete: SQLQueryString {
        """
        NOT EXISTS (
            SELECT 1 FROM panel_runs newer
            WHERE newer.tool_id = pr.tool_id AND newer.status = 'complete' AND newer.purpose = 'verdict'
              AND (newer.finished_at > pr.finished_at OR (newer.finished_at = pr.finished_at AND newer.id > pr.id)))
        """
    }

    /// The tool's panel verdict: the reviews of its latest complete run, in persona order.
    public func latestPanel(toolId: Int) async throws -> [PanelReview] {
        guard let run = try await latestCompleteRun(toolId: toolId) else { return [] }
        return try await PanelRunQueries(sql).reviews(runId: run.id)
    }

    /// The latest complete panel of every tool in one query (no query per tool), keyed by tool id.
    public func latestPanels() async throws -> [Int: [PanelReview]] {
        try await latestPanels(where: "TRUE")
    }

    private func latestPanels(where filter: SQLQueryString) async throws -> [Int: [PanelReview]] {
        struct Row: Decodable, ColumnNamedRow {
            var toolId: Int
            var review: PanelReview
            init(from decoder: any Decoder) throws {
                let keys = try decoder.container(keyedBy: CodingKeys.self)
                toolId = try keys.decode(Int.self, forKey: .toolId)
                review = try PanelReview(from: decoder)
            }
            enum CodingKeys: String, CodingKey { case toolId = "tool_id" }
        }
        let rows: [Row] = try await sql.rows("""
            SELECT pr.tool_id, p.slug AS persona_slug, p.name AS persona_name, p.position AS persona_position,
                   r.score, r.verdict, r.text, r.source, r.model, r.prompt_version, r.created_at, r.run_id, r.claims, r.same_vendor
            FROM reviews r
            JOIN panel_runs pr ON pr.id = r.run_id
            JOIN personas p ON p.id = r.persona_id
            WHERE pr.status = 'complete' AND pr.purpose = 'verdict' AND \(filter) AND \(Self.isLatestComplete)
            ORDER BY pr.tool_id, p.position, p.name
            """)
        return Dictionary(grouping: rows, by: \.toolId).mapValues { $0.map(\.review) }
    }

    /// When each tool's panel verdict was last written (its latest complete run), keyed by tool id.
    /// The latest complete panels of only these tools, for pages that show a few of a large catalog.
    public func latestPanels(toolIds: [Int]) async throws -> [Int: [PanelReview]] {
        guard !toolIds.isEmpty else { return [:] }
        return try await latestPanels(where: "pr.tool_id IN (\(SQLList(toolIds.map { SQLBind($0) })))")
    }

    /// The latest complete panels of a category's tools.
    public func latestPanels(categoryId: Int) async throws -> [Int: [PanelReview]] {
        try await latestPanels(where: "pr.tool_id IN (SELECT id FROM tools WHERE category_id = \(bind: categoryId))")
    }

    /// The tools whose verdict was written last, newest first, with when; ties go to the higher id.
    public func latestVerdicts(limit: Int) async throws -> [(toolId: Int, at: Date)] {
        struct Row: Decodable { var toolId: Int; var finishedAt: Date }
        let rows: [Row] = try await sql.rows("""
            SELECT tool_id, MAX(finished_at) AS finished_at FROM panel_runs
            WHERE status = 'complete' AND purpose = 'verdict' AND finished_at IS NOT NULL GROUP BY tool_id
            ORDER BY finished_at DESC, tool_id DESC LIMIT \(bind: limit)
            """)
        return rows.map { ($0.toolId, $0.finishedAt) }
    }

    /// The tools whose latest panel is most evenly split between ship and skip, then widest apart in
    /// score — the order of `PanelSplit.closest`, worked out by the database over every panel so the
    /// page reads only the few it shows.
    public func closestSplitTools(limit: Int) async throws -> [Int] {
        struct Row: Decodable { var toolId: Int }
        let rows: [Row] = try await sql.rows("""
            SELECT pr.tool_id,
                   SUM(CASE WHEN r.verdict = 'ship' THEN 1 ELSE 0 END) AS ships,
                   SUM(CASE WHEN r.verdict = 'skip' THEN 1 ELSE 0 END) AS skips,
                   MAX(r.score) - MIN(r.score) AS spread, t.name
            FROM panel_runs pr
            JOIN reviews r ON r.run_id = pr.id
            JOIN tools t ON t.id = pr.tool_id
            WHERE pr.status = 'complete' AND pr.purpose = 'verdict' AND \(Self.isLatestComplete)
            GROUP BY pr.tool_id, t.name
            HAVING SUM(CASE WHEN r.verdict = 'ship' THEN 1 ELSE 0 END) > 0 AND SUM(CASE WHEN r.verdict = 'skip' THEN 1 ELSE 0 END) > 0
            ORDER BY ABS(SUM(CASE WHEN r.verdict = 'ship' THEN 1 ELSE 0 END) - SUM(CASE WHEN r.verdict = 'skip' THEN 1 ELSE 0 END)),
                     MAX(r.score) - MIN(r.score) DESC, t.name
            LIMIT \(bind: limit)
            """)
        return rows.map(\.toolId)
    }

    public func latestCompleteRun(toolId: Int) async throws -> PanelRunRow? {
        try await sql.firstRow("""
            SELECT * FROM panel_runs
            WHERE tool_id = \(bind: toolId) AND status = 'complete' AND purpose = 'verdict'
            ORDER BY finished_at DESC, id DESC
            LIMIT 1
            """)
    }

    /// The editorial run of a tool, which imports write into and exports read from.
    public func editorialRun(toolId: Int) async throws -> PanelRunRow? {
        try await sql.firstRow("""
            SELECT * FROM panel_runs WHERE tool_id = \(bind: toolId) AND backend = 'editorial'
            ORDER BY id LIMIT 1
            """)
    }

    public func reviews(runId: Int) async throws -> [ReviewRow] {
        try await sql.rows("SELECT * FROM reviews WHERE run_id = \(bind: runId) ORDER BY persona_id")
    }
}
