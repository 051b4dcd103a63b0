import Foundation
import VerdictsCore

/// A tool as its card shows it: on the tool page, on each side of a comparison, and in lists.
struct ToolCardView: Sendable {
    let slug: String
    let name: String
    let vendor: String
    let tagline: String
    let bestFor: String
    let description: String
    let categoryName: String
    let categoryURL: String
    let pricingLabel: String
    let pricing: String
    let entryPrice: String
    let website: String
    let launchedOn: String
    let license: String
    let status: String
    let isInactive: Bool
    let contextWindow: String?
    let panelShip: String
    let panelLabel: String
    let isShip: Bool
    /// A tied panel: neither ship nor skip.
    let isSplit: Bool
    let hasPanel: Bool
    let averageScore: String
    /// 0–100, for score bars; 0 before any review.
    let averageScoreValue: Int
    let community: String
    let url: String

    init(tool: ToolRow, category: CategoryRow?, panel: PanelSummary, votes: VoteCounts? = nil) {
        slug = tool.slug
        name = tool.name
        vendor = tool.vendor
        tagline = tool.tagline
        bestFor = tool.bestFor
        description = tool.description
        categoryName = category?.name ?? "Uncategorised"
        categoryURL = category.map { SiteURL.category($0.slug).path } ?? SiteURL.home.path
        pricingLabel = tool.pricingModel.label
        pricing = tool.pricing
        entryPrice = tool.entryPrice
        website = tool.website
        launchedOn = tool.launchedOn
        license = tool.license
        status = tool.status.rawValue.capitalized
        isInactive = tool.status != .active
        contextWindow = tool.contextWindow.map { "\($0.formatted()) tokens" }
        panelShip = panel.shipPercent.map { "\($0)%" } ?? "No panel yet"
        panelLabel = panel.label
        isShip = panel.verdict == .ship
        isSplit = panel.verdict == .split
        hasPanel = panel.verdict != nil
        averageScore = panel.averageScore.map { "\($0)/100" } ?? "–"
        averageScoreValue = panel.averageScore ?? 0
        community = CommunityText.describe(votes)
        url = SiteURL.tool(tool.slug).path
    }
}

/// One persona's review with where it came from; panel output is AI-written or editorial and says so.
struct ReviewView: Sendable {
    static func untracedNote(count: Int) -> String? {
        count == 0 ? nil : "\(count == 1 ? "One claim" : "\(count) claims") marked in this review could not be found in the facts the panel was given."
    }

    let personaName: String
    let personaSlug: String
    let personaURL: String
    let score: Int
    let verdictLabel: String
    let isShip: Bool
    let text: String
    /// The text cut at its untraced claims, which the page marks where they stand.
    let segments: [ClaimSegment]
    let untracedNote: String?
    /// The model that wrote it comes from the tool's own vendor.
    let sameVendor: Bool
    /// "± 6" when the panel was asked again, with what the re-asks showed.
    let spread: String?
    let stabilityNote: String?
    let provenance: String

    init(_ review: PanelReview) {
        personaName = review.personaName
        personaSlug = review.personaSlug
        personaURL = SiteURL.persona(review.personaSlug).path
        score = review.score
        isShip = review.verdict == .ship
        verdictLabel = isShip ? "Ship" : "Skip"
        text = review.text
        segments = ClaimSegments.split(review.text, claims: review.claims)
        untracedNote = Self.untracedNote(count: review.untracedClaims.count)
        sameVendor = review.sameVendor
        spread = review.stability.map { "± \(Int($0.scoreSpread.rounded()))" }
        stabilityNote = review.stability.map { stability in
            let asked = stability.reasks == 1 ? "once" : "\(stability.reasks) times"
            let call = stability.flips == 0 ? "the call never flipped" : "the call flipped \(stability.flips) of \(stability.reasks) times"
            return "Asked again \(asked): the score moved ± \(Int(stability.scoreSpread.rounded())) and \(call)."
        }
        provenance = Provenance.describe(source: review.source, model: review.model, promptVersion: review.promptVersion, at: review.createdAt)
    }
}

enum Provenance {
    /// "Editorial review in the persona's voice · prompt v1 · 2026-11-22" or "Written by <model> · …"
    static func describe(source: ReviewSource, model: String?, promptVersion: Int, at date: Date) -> String {
        let origin = source == .editorial ? "Editorial review in the persona's voice" : "Written by \(model ?? "a language model")"
        return "\(origin) · prompt v\(promptVersion) · \(day(date))"
    }

    static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }
}
