import Foundation
import VerdictsCore

/// Composes the week's digest: new verdicts, the closest panel splits, the community's movers and
/// the comparisons readers answered most, as an HTML fragment with inline styles (mail clients
/// ignore style sheets) and a plain-text twin.
struct DigestBuilder {
    /// Replaced per subscriber with their own unsubscribe address, and on the web with the signup page.
    static let unsubscribeMarker = "%%UNSUBSCRIBE%%"

    struct Item: Sendable {
        let title: String
        let detail: String
        let url: String
    }

    struct View: Sendable {
        let heading: String
        let verdicts: [Item]
        let splits: [Item]
        let movers: [Item]
        let comparisons: [Item]
        let hasVerdicts: Bool
        let hasMovers: Bool
        let hasComparisons: Bool
        let siteURL: String
        let unsubscribe = DigestBuilder.unsubscribeMarker
    }

    let site: Site

    func build(_ week: IsoWeek) async throws -> (subject: String, html: String, text: String) {
        let sql = site.database.sql
        let catalog = CatalogQueries(sql), weekly = WeeklyQueries(sql)
        let tools = Dictionary(uniqueKeysWithValues: try await catalog.tools().map { ($0.id, $0) })
        let panels = try await PanelQueries(sql).latestPanels()
        let votes = try await VoteQueries(sql).toolCounts()
        func link(_ path: String) -> String { site.baseURL + path }

        let verdicts = try await weekly.newVerdicts(from: week.start, to: week.end).compactMap { id -> Item? in
            guard let tool = tools[id] else { return nil }
            return Item(title: tool.name, detail: "\(PanelSummary(panels[id] ?? []).label). \(tool.tagline)", url: link(SiteURL.tool(tool.slug).path))
        }
        let splits = PanelSplit.closest(panels, names: tools.mapValues(\.name), limit: 3).compactMap { split -> Item? in
            tools[split.toolId].map { Item(title: $0.name, detail: split.label, url: link(SiteURL.tool($0.slug).path)) }
        }
        let movers = try await weekly.communityMovers(from: week.start, to: week.end).compactMap { id, count -> Item? in
            guard let tool = tools[id] else { return nil }
            return Item(title: tool.name, detail: "\(count) new \(count == 1 ? "vote" : "votes") · \(CommunityText.describe(votes[id]))", url: link(SiteURL.tool(tool.slug).path))
        }
        let comparisons = try await weekly.popularPairs(from: week.start, to: week.end).compactMap { a, b, count -> Item? in
            guard let a = tools[a], let b = tools[b] else { return nil }
            return Item(title: "\(a.name) vs \(b.name)", detail: "\(count) head-to-head \(count == 1 ? "answer" : "answers")", url: link(SiteURL.compare(a.slug, b.slug).path))
        }
        let view = View(
            heading: "Weekly AI Tool Verdicts · \(week)", verdicts: verdicts, splits: splits, movers: movers,
            comparisons: comparisons, hasVerdicts: !verdicts.isEmpty, hasMovers: !movers.isEmpty,
            hasComparisons: !comparisons.isEmpty, siteURL: site.baseURL + SiteURL.home.path)
        guard let html = site.templates.render(view, withTemplate: "digest-email"),
              let text = site.templates.render(view, withTemplate: "digest-text")
        else { throw SiteError.templateFailed("digest-email") }
        let count = verdicts.count
        let subject = "Weekly AI Tool Verdicts \(week): \(count == 0 ? "the panel's splits" : "\(count) new \(count == 1 ? "verdict" : "verdicts")")"
        return (subject, html, text)
    }
}
