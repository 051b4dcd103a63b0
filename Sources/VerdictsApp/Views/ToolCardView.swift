import Foundation
import VerdictsCore

/// A tool as its card shows it, on the tool page and on each side of a comparison.
struct ToolCardView: Sendable {
    let slug: String
    let name: String
    let vendor: String
    let tagline: String
    let bestFor: String
    let description: String
    let categoryName: String
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
    let averageScore: String
    let community: String
    let url: String

    init(tool: ToolRow, category: CategoryRow?, panel: PanelSummary) {
        slug = tool.slug
        name = tool.name
        vendor = tool.vendor
        tagline = tool.tagline
        bestFor = tool.bestFor
        description = tool.description
        categoryName = category?.name ?? "Uncategorised"
        pricingLabel = tool.pricingModel.label
        pricing = tool.pricing
        entryPrice = tool.entryPrice
        website = tool.website
        launchedOn = tool.launchedOn
        license = tool.license
        status = tool.status.rawValue.capitalized
        isInactive = tool.status == .deprecated || tool.status == .retired
        contextWindow = tool.contextWindow.map { "\($0.formatted()) tokens" }
        panelShip = panel.shipPercent.map { "\($0)%" } ?? "No panel yet"
        panelLabel = panel.label
        averageScore = panel.averageScore.map { "\($0)/100" } ?? "–"
        // Community votes arrive with the community issue; until then every tool has none.
        community = "No community votes yet"
        url = SiteURL.tool(tool.slug).path
    }
}

/// One persona's review with where it came from; panel output is AI-written or editorial and says so.
struct ReviewView: Sendable {
    let personaName: String
    let personaSlug: String
    let score: Int
    let verdictLabel: String
    let isShip: Bool
    let text: String
    let provenance: String

    init(_ review: PanelReview) {
        personaName = review.personaName
        personaSlug = review.personaSlug
        score = review.score
        isShip = review.verdict == .ship
        verdictLabel = isShip ? "Ship" : "Skip"
        text = review.text
        let source = review.source == .editorial ? "Editorial review" : "Written by \(review.model ?? "a language model")"
        provenance = "\(source) · prompt v\(review.promptVersion) · \(Self.day(review.createdAt))"
    }

    private static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }
}
