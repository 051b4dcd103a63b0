import Foundation
import VerdictsCore

/// The documents of the public API, one struct per schema in `openapi.yaml` (its names, but `Panel`
/// for `PanelSummary`; fields in camelCase that encode as its snake_case). Built from the same rows
/// and summaries the pages use.
enum API {
    struct Panel: Encodable, Sendable {
        @NullEncoded var verdict: PanelCall?
        let label: String
        let shipCount: Int
        let skipCount: Int
        @NullEncoded var shipPercent: Int?
        @NullEncoded var averageScore: Int?

        init(_ summary: PanelSummary) {
            (verdict, label, shipCount, skipCount) = (summary.verdict, summary.label, summary.shipCount, summary.skipCount)
            (shipPercent, averageScore) = (summary.shipPercent, summary.averageScore)
        }
    }

    struct Community: Encodable, Sendable {
        let ship: Int
        let skip: Int
        let total: Int
        @NullEncoded var share: Double?
        let lower: Double
        let upper: Double
        let label: String

        init(_ counts: VoteCounts?) {
            let counts = counts ?? VoteCounts(ship: 0, skip: 0)
            let interval = counts.interval
            (ship, skip, total) = (counts.ship, counts.skip, counts.total)
            (share, lower, upper) = (interval.share, interval.lower, interval.upper)
            label = CommunityText.describe(counts)
        }
    }

    struct ToolSummary: Encodable, Sendable {
        let slug, name, vendor, tagline, category: String
        let pricingModel: PricingModel
        let entryPrice: String
        let status: ToolStatus
        let panel: Panel
        let community: Community
        let url, apiURL: String

        init(_ tool: ToolRow, category: CategoryRow?, panel: PanelSummary, votes: VoteCounts?) {
            (slug, name, vendor, tagline) = (tool.slug, tool.name, tool.vendor, tool.tagline)
            self.category = category?.slug ?? ""
            (pricingModel, entryPrice, status) = (tool.pricingModel, tool.entryPrice, tool.status)
            self.panel = Panel(panel)
            community = Community(votes)
            url = SiteURL.tool(tool.slug).path
            apiURL = SiteURL.apiTool(tool.slug).path
        }
    }

    /// A tool in full: `ToolSummary`'s fields with the rest of the card, the panel and alternatives.
    typealias Tool = Flattened<ToolSummary, ToolDetails>

    struct ToolDetails: Encodable, Sendable {
        let categoryName, description, bestFor, pricing, website, launchedOn, license: String
        @NullEncoded var contextWindow: Int?
        @NullEncoded var latestRunId: Int?
        let reviews: [Review]
        let alternatives: [RelatedComparison]
    }

    /// Built from the same reading as the tool page.
    static func tool(_ reading: ToolReading) -> Tool {
        let (tool, category, reviews) = (reading.tool, reading.category, reading.reviews)
        return Tool(
            base: ToolSummary(tool, category: category, panel: reading.panel, votes: reading.votes),
            extra: ToolDetails(
                categoryName: category?.name ?? "Uncategorised", description: tool.description, bestFor: tool.bestFor,
                pricing: tool.pricing, website: tool.website, launchedOn: tool.launchedOn, license: tool.license,
                contextWindow: tool.contextWindow, latestRunId: reviews.first?.runId, reviews: reviews.map(Review.init),
                alternatives: reading.alternatives.map { RelatedComparison(tool.nameOnly, $0) }))
    }

    struct Provenance: Encodable, Sendable {
        let source: ReviewSource
        let aiGenerated: Bool
        @NullEncoded var model: String?
        let promptVersion: Int
        let runId: Int
        let createdAt: Date
        let label: String
    }

    struct Review: Encodable, Sendable {
        let persona, personaName: String
        let score: Int
        let verdict: Verdict
        let text: String
        /// Every number, price, date and version found in the text, and whether the facts support it.
        let claims: [Claim]
        /// The model that wrote it comes from the reviewed tool's vendor.
        let sameVendor: Bool
        /// How it held up when the same panel was asked again; null before any stability run.
        @NullEncoded var stability: Stability?
        let provenance: Provenance

        init(_ review: PanelReview) {
            (persona, personaName, score, verdict, text) = (review.personaSlug, review.personaName, review.score, review.verdict, review.text)
            (claims, sameVendor) = (review.claims, review.sameVendor)
            stability = review.stability.map { Stability(reasks: $0.reasks, scoreSpread: $0.scoreSpread, flips: $0.flips, flipShare: $0.flipShare) }
            provenance = Provenance(
                source: review.source, aiGenerated: review.source == .model, model: review.model, promptVersion: review.promptVersion,
                runId: review.runId, createdAt: review.createdAt,
                label: VerdictsApp.Provenance.describe(source: review.source, model: review.model, promptVersion: review.promptVersion, at: review.createdAt))
        }
    }

    struct Stability: Encodable, Sendable {
        let reasks: Int
        let scoreSpread: Double
        let flips: Int
        let flipShare: Double
    }

    struct RelatedComparison: Encodable, Sendable {
        let label, a, b, url, apiURL: String

        init(_ first: ToolRow, _ second: ToolRow) { self.init(first.nameOnly, second.nameOnly) }

        init(_ first: ToolName, _ second: ToolName) {
            label = "\(first.name) vs \(second.name)"
            (a, b) = first.slug <= second.slug ? (first.slug, second.slug) : (second.slug, first.slug)
            url = SiteURL.compare(a, b).path
            apiURL = SiteURL.apiCompare(a, b).path
        }
    }

    struct ToolPage: Encodable, Sendable {
        let data: [ToolSummary]
        @NullEncoded var nextCursor: String?
    }

    struct List<Item: Encodable & Sendable>: Encodable, Sendable {
        let data: [Item]
    }
}

/// Two documents encoded as one object, for the document's detail schemas that add fields to a
/// summary's (`Tool` to `ToolSummary`, `RunDetail` to `Run`, …): both write into the same object.
struct Flattened<Base: Encodable & Sendable, Extra: Encodable & Sendable>: Encodable, Sendable {
    let base: Base
    let extra: Extra

    func encode(to encoder: any Encoder) throws {
        try base.encode(to: encoder)
        try extra.encode(to: encoder)
    }
}
