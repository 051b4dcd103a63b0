import Foundation
import SQLKit

/// How a persona's review of a tool held up when the same panel (same model, same prompt version)
/// was asked again in stability runs.
public struct ReviewStability: Sendable, Equatable {
    /// Stability runs that re-asked this persona, besides the published review.
    public var reasks: Int
    /// The standard deviation of the scores, the published one included.
    public var scoreSpread: Double
    /// Re-asks whose ship or skip differed from the published call.
    public var flips: Int

    public var flipShare: Double { reasks == 0 ? 0 : Double(flips) / Double(reasks) }
}

/// The catalog-wide stability figures the methodology page publishes.
public struct StabilitySummary: Sendable, Equatable {
    /// Tool and persona pairs with at least one re-ask.
    public var pairs: Int
    public var tools: Int
    public var reasks: Int
    public var meanScoreSpread: Double?
    public var flipShare: Double?
}

public struct StabilityQueries: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Sums of the re-asks of each tool, persona, model and prompt version.
    struct Samples: Decodable {
        var toolId: Int; var personaSlug: String; var model: String?; var promptVersion: Int
        var n: Int; var s: Double; var q: Double; var ships: Int
    }

    func samples(toolIds: [Int]?) async throws -> [Samples] {
        let scope: SQLQueryString = toolIds.map { "AND pr.tool_id IN (\(binds: $0))" } ?? ""
        return try await sql.rows("""
            SELECT pr.tool_id, p.slug AS persona_slug, r.model, r.prompt_version, COUNT(*) AS n,
                   CAST(SUM(r.score) AS DOUBLE PRECISION) AS s, CAST(SUM(r.score * r.score) AS DOUBLE PRECISION) AS q,
                   SUM(CASE WHEN r.verdict = 'ship' THEN 1 ELSE 0 END) AS ships
            FROM reviews r JOIN panel_runs pr ON pr.id = r.run_id JOIN personas p ON p.id = r.persona_id
            WHERE pr.purpose = 'stability' AND pr.status = 'complete' \(scope)
            GROUP BY pr.tool_id, p.slug, r.model, r.prompt_version
            """)
    }

    /// Each published review's stability, set on the reviews of `panels` (keyed by tool id) that
    /// have re-asks by the same model and prompt version.
    public func attach(to panels: [Int: [PanelReview]]) async throws -> [Int: [PanelReview]] {
        guard !panels.isEmpty else { return panels }
        let found = try await samples(toolIds: Array(panels.keys))
        guard !found.isEmpty else { return panels }
        let byKey = Dictionary(found.map { (Key($0.toolId, $0.personaSlug, $0.model, $0.promptVersion), $0) }, uniquingKeysWith: { a, _ in a })
        var result = panels
        for (toolId, reviews) in panels {
            result[toolId] = reviews.map { review in
                var review = review
                review.stability = Self.stability(of: review, in: byKey[Key(toolId, review.personaSlug, review.model, review.promptVersion)])
                return review
            }
        }
        return result
    }

    /// One tool's reviews with their stability.
    public func attach(toolId: Int, reviews: [PanelReview]) async throws -> [PanelReview] {
        try await attach(to: [toolId: reviews])[toolId] ?? reviews
    }

    /// The figures over every published model review that has re-asks.
    public func summary() async throws -> StabilitySummary {
        let found = try await samples(toolIds: nil)
        guard !found.isEmpty else { return StabilitySummary(pairs: 0, tools: 0, reasks: 0) }
        let panels = try await attach(to: PanelQueries(sql).latestPanels(toolIds: Array(Set(found.map(\.toolId)))))
        let measured = panels.flatMap { toolId, reviews in reviews.compactMap { review in review.stability.map { (toolId, $0) } } }
        guard !measured.isEmpty else { return StabilitySummary(pairs: 0, tools: 0, reasks: 0) }
        let reasks = measured.map(\.1.reasks).reduce(0, +)
        return StabilitySummary(
            pairs: measured.count, tools: Set(measured.map(\.0)).count, reasks: reasks,
            meanScoreSpread: measured.map(\.1.scoreSpread).reduce(0, +) / Double(measured.count),
            flipShare: Double(measured.map(\.1.flips).reduce(0, +)) / Double(reasks))
    }

    private struct Key: Hashable {
        let toolId: Int, persona: String, model: String?, promptVersion: Int
        init(_ toolId: Int, _ persona: String, _ model: String?, _ promptVersion: Int) {
            (self.toolId, self.persona, self.model, self.promptVersion) = (toolId, persona, model, promptVersion)
        }
    }

    static func stability(of review: PanelReview, in samples: Samples?) -> ReviewStability? {
        guard let samples, samples.n > 0, review.source == .model else { return nil }
        let count = Double(samples.n + 1)
        let sum = samples.s + Double(review.score), squares = samples.q + Double(review.score * review.score)
        let spread = (max(0, squares / count - (sum / count) * (sum / count))).squareRoot()
        let flips = review.verdict == .ship ? samples.n - samples.ships : samples.ships
        return ReviewStability(reasks: samples.n, scoreSpread: spread, flips: flips)
    }
}
