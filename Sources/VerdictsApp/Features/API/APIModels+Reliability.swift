import VerdictsCore

extension API {
    /// `GET /api/v1/methodology`: the figures the methodology page publishes.
    struct Methodology: Encodable, Sendable {
        struct Agreement: Encodable, Sendable {
            @NullEncoded var source: ReviewSource?
            let tools: Int
            @NullEncoded var scoreAlpha: Double?
            @NullEncoded var verdictAlpha: Double?
        }

        struct Calibration: Encodable, Sendable {
            let persona, personaName: String
            let tools, ships: Int
            let shipShare: Double
            let flagged: Bool
        }

        let agreement: [Agreement]
        let calibration: [Calibration]
        struct Stability: Encodable, Sendable {
            let pairs, tools, reasks: Int
            @NullEncoded var meanScoreSpread: Double?
            @NullEncoded var flipShare: Double?
        }

        let sameVendorReviews: Int
        let reviewsWithUntracedClaims: Int
        let stability: Stability

        init(_ report: ReliabilityReport) {
            agreement = report.agreement.map {
                Agreement(source: $0.source, tools: $0.tools, scoreAlpha: $0.scoreAlpha, verdictAlpha: $0.verdictAlpha)
            }
            calibration = report.calibration.map {
                Calibration(persona: $0.personaSlug, personaName: $0.personaName, tools: $0.tools, ships: $0.ships,
                            shipShare: $0.shipShare, flagged: $0.isFlagged)
            }
            (sameVendorReviews, reviewsWithUntracedClaims) = (report.sameVendorReviews, report.reviewsWithUntracedClaims)
            let s = report.stability
            stability = Stability(pairs: s.pairs, tools: s.tools, reasks: s.reasks, meanScoreSpread: s.meanScoreSpread, flipShare: s.flipShare)
        }
    }
}
