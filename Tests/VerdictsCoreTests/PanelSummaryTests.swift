import Foundation
import Testing
import VerdictsCore

@Suite("Panel summary")
struct PanelSummaryTests {
    func review(_ score: Int, _ verdict: Verdict) -> PanelReview {
        PanelReview(personaSlug: "p\(score)", personaName: "P", personaPosition: 0, score: score, verdict: verdict,
                    text: "t", source: .editorial, model: nil, promptVersion: 1, createdAt: Date())
    }

    @Test("ship share, average and label follow the reviews")
    func counts() {
        let summary = PanelSummary([review(80, .ship), review(70, .ship), review(40, .skip), review(61, .ship)])
        #expect(summary.shipPercent == 75)
        #expect(summary.averageScore == 63)
        #expect(summary.label == "Ship · 3 ship / 1 skip")
    }

    @Test("a majority of skips is a skip; no reviews is no verdict")
    func skipAndEmpty() {
        #expect(PanelSummary([review(30, .skip), review(40, .skip), review(70, .ship)]).verdict == .skip)
        let empty = PanelSummary([])
        #expect(empty.verdict == nil && empty.shipPercent == nil)
        #expect(empty.label == "No panel verdict yet")
    }
}

@Suite("Panel splits")
struct PanelSplitCallTests {
    @Test("a tied panel is a split, not a ship")
    func tie() {
        let reviews = [(80, Verdict.ship), (65, .ship), (40, .skip), (45, .skip)].map { score, verdict in
            PanelReview(personaSlug: "p\(score)", personaName: "P", personaPosition: 0, score: score, verdict: verdict,
                        text: "t", source: .editorial, model: nil, promptVersion: 1, createdAt: Date())
        }
        let summary = PanelSummary(reviews)
        #expect(summary.verdict == .split)
        #expect(summary.label == "Split · 2 ship / 2 skip")
        #expect(PanelSummary(Array(reviews.prefix(3))).verdict == .ship)
    }
}
