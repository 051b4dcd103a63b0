import Foundation
import VerdictsCore

extension API {
    struct Usage: Encodable, Sendable {
        let inputTokens, outputTokens, cacheCreationInputTokens, cacheReadInputTokens: Int
    }

    /// A panel run with its provenance: which backend and model, what it cost, why it failed.
    struct Run: Encodable, Sendable {
        let id: Int
        let tool, backend: String
        @NullEncoded var model: String?
        let status: RunStatus
        let attempts: Int
        let usage: Usage
        @NullEncoded var error: String?
        let queuedAt: Date
        @NullEncoded var startedAt: Date?
        @NullEncoded var finishedAt: Date?
        let reviewCount: Int
        let apiURL: String

        init(_ run: PanelRunRow, toolSlug: String, reviewCount: Int) {
            (id, tool, backend, model, status, attempts) = (run.id, toolSlug, run.backend, run.model, run.status, run.attempts)
            usage = Usage(inputTokens: run.inputTokens, outputTokens: run.outputTokens,
                          cacheCreationInputTokens: run.cacheCreationInputTokens, cacheReadInputTokens: run.cacheReadInputTokens)
            (error, queuedAt, startedAt, finishedAt) = (run.error, run.queuedAt, run.startedAt, run.finishedAt)
            self.reviewCount = reviewCount
            apiURL = SiteURL.apiRun(toolSlug, run.id).path
        }
    }

    /// A run with the reviews it wrote.
    typealias RunDetail = Flattened<Run, RunReviews>

    struct RunReviews: Encodable, Sendable {
        let reviews: [Review]
    }

    struct DecisionRow: Encodable, Sendable {
        let question, a, b: String
    }

    struct ScoreRow: Encodable, Sendable {
        let persona, personaName: String
        @NullEncoded var a: Review?
        @NullEncoded var b: Review?
        let split: Bool
    }

    struct HeadToHead: Encodable, Sendable {
        let a, b, tie: Int
    }

    /// What `/compare/<a>-vs-<b>` shows: both tools in full, the decision table, the reviewer
    /// scorecard with its splits, the community's head-to-head tally and related comparisons.
    struct Comparison: Encodable, Sendable {
        let title, url: String
        let a, b: Tool
        let decision: [DecisionRow]
        let scorecard: [ScoreRow]
        let splitCount: Int
        let agreement: String
        let headToHead: HeadToHead
        @NullEncoded var panelPick: PanelPick?
        let related: [RelatedComparison]
    }

    /// The panel's pick between the two, asked in both orders; null before a pairwise run completes.
    struct PanelPick: Encodable, Sendable {
        struct Persona: Encodable, Sendable {
            let persona, personaName: String
            /// The slug both orders chose; null when the order changed the answer.
            @NullEncoded var pick: String?
            let text: String
            let claims: [Claim]
            let models: [String]
            let createdAt: Date
        }

        @NullEncoded var pick: String?
        let label: String
        let personas: [Persona]
        let runId: Int

        init(_ verdict: PairwiseVerdict, slugs: [Int: String], names: [Int: String]) {
            pick = verdict.winner.flatMap { slugs[$0] }
            label = verdict.label(names: names)
            personas = verdict.picks.map {
                Persona(persona: $0.personaSlug, personaName: $0.personaName, pick: $0.pick.flatMap { slugs[$0] }, text: $0.text,
                        claims: $0.claims, models: $0.models, createdAt: $0.createdAt)
            }
            runId = verdict.run.id
        }
    }
}
