import SQLKit

/// One persona's calls over the latest panels: how often it ships, for the calibration flag.
public struct PersonaCalibration: Sendable, Equatable {
    public var personaSlug: String
    public var personaName: String
    public var tools: Int
    public var ships: Int

    public var shipShare: Double { tools == 0 ? 0 : Double(ships) / Double(tools) }

    /// A persona that ships (or skips) more than 90% of at least ten tools tells a reader little.
    public var isFlagged: Bool { tools >= 10 && (shipShare > 0.9 || shipShare < 0.1) }

    public init(personaSlug: String, personaName: String, tools: Int, ships: Int) {
        (self.personaSlug, self.personaName, self.tools, self.ships) = (personaSlug, personaName, tools, ships)
    }
}

/// The totals the panel's reliability figures are worked from, over every tool's panel verdict
/// (its latest complete run), added up by the database so a large catalog is one pass.
public struct ReliabilityQueries: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Per tool: how many reviews, their scores' sum and sum of squares, and the ships; only the
    /// reviews of `source` when given.
    public func agreementUnits(source: ReviewSource? = nil) async throws -> [Krippendorff.Unit] {
        struct Row: Decodable { var m: Int; var s: Double; var q: Double; var k: Int }
        let filter: SQLQueryString = source.map { "AND r.source = \(bind: $0.rawValue)" } ?? ""
        let rows: [Row] = try await sql.rows("""
            SELECT COUNT(*) AS m, CAST(SUM(r.score) AS DOUBLE PRECISION) AS s, CAST(SUM(r.score * r.score) AS DOUBLE PRECISION) AS q,
                   SUM(CASE WHEN r.verdict = 'ship' THEN 1 ELSE 0 END) AS k
            FROM reviews r JOIN panel_runs pr ON pr.id = r.run_id
            WHERE pr.status = 'complete' AND pr.purpose = 'verdict' \(filter) AND \(PanelQueries.isLatestComplete)
            GROUP BY pr.tool_id
            """)
        return rows.map { Krippendorff.Unit(count: $0.m, scoreSum: $0.s, scoreSquares: $0.q, ships: $0.k) }
    }

    /// Every persona's ship count over the latest panels, in panel order.
    public func calibration() async throws -> [PersonaCalibration] {
        struct Row: Decodable { var slug: String; var name: String; var tools: Int; var ships: Int }
        let rows: [Row] = try await sql.rows("""
            SELECT p.slug, p.name, COUNT(*) AS tools, SUM(CASE WHEN r.verdict = 'ship' THEN 1 ELSE 0 END) AS ships
            FROM reviews r JOIN panel_runs pr ON pr.id = r.run_id JOIN personas p ON p.id = r.persona_id
            WHERE pr.status = 'complete' AND pr.purpose = 'verdict' AND \(PanelQueries.isLatestComplete)
            GROUP BY p.id, p.slug, p.name, p.position
            ORDER BY p.position, p.name
            """)
        return rows.map { PersonaCalibration(personaSlug: $0.slug, personaName: $0.name, tools: $0.tools, ships: $0.ships) }
    }

    /// How many reviews in the latest panels were written by a model of the tool's own vendor.
    public func sameVendorCount() async throws -> Int {
        try await sql.count("""
            SELECT COUNT(*) AS n FROM reviews r JOIN panel_runs pr ON pr.id = r.run_id
            WHERE r.same_vendor AND pr.status = 'complete' AND pr.purpose = 'verdict' AND \(PanelQueries.isLatestComplete)
            """)
    }
}

/// What the methodology page and its API document publish about the panel's reliability.
public struct ReliabilityReport: Sendable, Equatable {
    public struct Agreement: Sendable, Equatable {
        /// nil for every review; otherwise only this source's.
        public var source: ReviewSource?
        /// Tools with two or more reviews, the units alpha rests on.
        public var tools: Int
        public var scoreAlpha: Double?
        public var verdictAlpha: Double?
    }

    public var agreement: [Agreement]
    public var calibration: [PersonaCalibration]
    public var sameVendorReviews: Int
    public var reviewsWithUntracedClaims: Int
    public var stability: StabilitySummary

    public static func load(_ sql: any SQLDatabase) async throws -> ReliabilityReport {
        let queries = ReliabilityQueries(sql)
        var agreement: [Agreement] = []
        for source in [nil] + ReviewSource.allCases.map(Optional.some) {
            let units = try await queries.agreementUnits(source: source)
            let tools = units.filter { $0.count >= 2 }.count
            // A source with no panels of its own adds nothing beside the overall row.
            if source != nil && tools == 0 { continue }
            agreement.append(Agreement(source: source, tools: tools, scoreAlpha: Krippendorff.interval(units), verdictAlpha: Krippendorff.nominal(units)))
        }
        return ReliabilityReport(
            agreement: agreement, calibration: try await queries.calibration(),
            sameVendorReviews: try await queries.sameVendorCount(), reviewsWithUntracedClaims: try await queries.untracedReviewCount(),
            stability: try await StabilityQueries(sql).summary())
    }
}

extension ReliabilityQueries {
    /// Reviews in the latest panels published with at least one untraced claim, marked.
    public func untracedReviewCount() async throws -> Int {
        try await sql.count("""
            SELECT COUNT(*) AS n FROM reviews r JOIN panel_runs pr ON pr.id = r.run_id
            WHERE r.claims LIKE '%"supported":false%' AND pr.status = 'complete' AND pr.purpose = 'verdict' AND \(PanelQueries.isLatestComplete)
            """)
    }
}
