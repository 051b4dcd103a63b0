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

    struct AgreementRow: Sendable {
        let scope: String
        let tools: Int
        let scoreAlpha: String
        let verdictAlpha: String
    }

    struct CalibrationRow: Sendable {
        let name: String
        let url: String
        let tools: Int
        let shipShare: String
        let flag: String?
    }

    var meta: PageMeta
    let personas: [PersonaLink]
    let authorship: [Authorship]
    let agreement: [AgreementRow]
    let calibration: [CalibrationRow]
    let sameVendorReviews: Int
    let untracedReviews: Int
    /// The catalog-wide stability sentence, or what to run to get one.
    let stability: String

    static func load(site: Site) async throws -> MethodologyView {
        struct Row: Decodable { var source: String; var model: String?; var n: Int }
        let rows = try await site.database.sql.raw("""
            SELECT r.source, r.model, COUNT(*) AS n FROM reviews r JOIN panel_runs pr ON pr.id = r.run_id
            WHERE pr.purpose = 'verdict' GROUP BY r.source, r.model ORDER BY n DESC
            """).all(decoding: Row.self)
        let reliability = try await ReliabilityReport.load(site.database.sql)
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
            },
            agreement: reliability.agreement.map {
                AgreementRow(scope: Self.scope($0.source), tools: $0.tools, scoreAlpha: Self.alpha($0.scoreAlpha), verdictAlpha: Self.alpha($0.verdictAlpha))
            },
            calibration: reliability.calibration.map(Self.calibrationRow),
            sameVendorReviews: reliability.sameVendorReviews, untracedReviews: reliability.reviewsWithUntracedClaims,
            stability: Self.describe(reliability.stability))
    }

    static func describe(_ stability: StabilitySummary) -> String {
        guard let spread = stability.meanScoreSpread, let flips = stability.flipShare else {
            return "No panel verdict on this site has been asked again yet."
        }
        let tools = stability.tools == 1 ? "1 tool" : "\(stability.tools) tools"
        return String(format: "Across %d reviews of %@, asked again %d times in all, a score moved by ± %.1f points on average (its standard deviation), and %.0f%% of the re-asked calls flipped between ship and skip.",
                      stability.pairs, tools, stability.reasks, spread, flips * 100)
    }

    static func scope(_ source: ReviewSource?) -> String {
        switch source {
        case nil: "Every panel verdict"
        case .editorial: "Editorial reviews only"
        case .model: "Model-written reviews only"
        }
    }

    /// "0.42", or why there is no figure.
    static func alpha(_ value: Double?) -> String {
        value.map { String(format: "%.2f", $0) } ?? "not enough reviews"
    }

    static func calibrationRow(_ persona: PersonaCalibration) -> CalibrationRow {
        CalibrationRow(
            name: persona.personaName, url: SiteURL.persona(persona.personaSlug).path, tools: persona.tools,
            shipShare: "\(Int((persona.shipShare * 100).rounded()))%", flag: persona.isFlagged ? flagNote(persona) : nil)
    }

    static func flagNote(_ persona: PersonaCalibration) -> String {
        "\(persona.personaName) \(persona.shipShare > 0.5 ? "ships" : "skips") more than 90% of the \(persona.tools) tools it reviewed: its call tells a reader little on its own."
    }
}
