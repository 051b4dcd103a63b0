import Foundation
import VerdictsCore

/// A panel run in a list: what wrote it, where it stands, what it cost.
struct RunSummaryView: Sendable {
    let id: Int
    let url: String
    let statusLabel: String
    let isFailed: Bool
    let source: String
    let queued: String
    let finished: String
    let reviewCount: Int
    let tokens: String
    let error: String?

    init(_ run: PanelRunRow, slug: String, reviewCount: Int) {
        id = run.id
        url = SiteURL.run(slug, run.id).path
        statusLabel = run.status.rawValue.capitalized + (run.purpose == .stability ? " · stability check" : "")
        isFailed = run.status == .failed
        source = run.backend == "editorial" ? "Editorial" : "\(run.backend) · \(run.model ?? "model not recorded")"
        queued = Self.time(run.queuedAt)
        finished = run.finishedAt.map(Self.time) ?? "–"
        self.reviewCount = reviewCount
        tokens = run.backend == "editorial"
            ? "–"
            : "\(run.inputTokens) in · \(run.outputTokens) out · \(run.cacheCreationInputTokens) cache write · \(run.cacheReadInputTokens) cache read"
        error = run.error
    }

    static func time(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon)) + " UTC"
    }
}

/// `/tools/<slug>/runs`: every panel run of a tool, and a form to compare two of them.
struct RunHistoryView: PageView {
    var meta: PageMeta
    let toolName: String
    let toolURL: String
    let runs: [RunSummaryView]
    let hasRuns: Bool
    let canCompare: Bool
    let compareAction: String
    let defaultFrom: Int
    let defaultTo: Int

    static func load(tool: ToolRow, site: Site) async throws -> RunHistoryView {
        let runs = try await RunHistoryReading.read(tool: tool, site: site).entries.map {
            RunSummaryView($0.run, slug: tool.slug, reviewCount: $0.reviewCount)
        }
        let withReviews = runs.filter { $0.reviewCount > 0 }
        return RunHistoryView(
            meta: site.meta(
                title: "\(tool.name): panel run history — Verdicts",
                description: "Every panel run for \(tool.name): who wrote it, when, what it cost, and what changed.",
                path: SiteURL.runs(tool.slug).path),
            toolName: tool.name, toolURL: SiteURL.tool(tool.slug).path, runs: runs, hasRuns: !runs.isEmpty,
            canCompare: withReviews.count >= 2, compareAction: SiteURL.runDiffForm(tool.slug).path,
            defaultFrom: withReviews.dropFirst().first?.id ?? 0, defaultTo: withReviews.first?.id ?? 0)
    }
}

/// `/tools/<slug>/runs/<id>`: one run's reviews with their provenance.
struct RunPageView: PageView {
    var meta: PageMeta
    let toolName: String
    let toolURL: String
    let historyURL: String
    let run: RunSummaryView
    let status: String
    let reviews: [ReviewView]
    let hasReviews: Bool

    static func load(tool: ToolRow, runId: Int, site: Site) async throws -> RunPageView? {
        guard let reading = try await RunReading.read(tool: tool, runId: runId, site: site) else { return nil }
        let (run, reviews) = (reading.run, reading.reviews)
        return RunPageView(
            meta: site.meta(
                title: "\(tool.name): panel run \(run.id) — Verdicts",
                description: "Panel run \(run.id) for \(tool.name), \(run.status.rawValue).",
                path: SiteURL.run(tool.slug, run.id).path),
            toolName: tool.name, toolURL: SiteURL.tool(tool.slug).path, historyURL: SiteURL.runs(tool.slug).path,
            run: RunSummaryView(run, slug: tool.slug, reviewCount: reviews.count), status: LiveStatus.describe(run),
            reviews: reviews.map(ReviewView.init), hasReviews: !reviews.isEmpty)
    }
}

/// `/tools/<slug>/runs/compare?from=&to=`: per persona, how the score, verdict and text moved.
struct RunDiffView: PageView {
    struct SegmentView: Sendable {
        let text: String
        let isAdded: Bool
        let isRemoved: Bool
    }

    struct PersonaChange: Sendable {
        let personaName: String
        let before: String
        let after: String
        let scoreChange: String
        let verdictChanged: Bool
        let segments: [SegmentView]
    }

    var meta: PageMeta
    let toolName: String
    let historyURL: String
    let from: RunSummaryView
    let to: RunSummaryView
    let changes: [PersonaChange]

    static func load(tool: ToolRow, from: Int, to: Int, site: Site) async throws -> RunDiffView? {
        let runs = PanelRunQueries(site.database.sql)
        guard let old = try await runs.run(id: from), let new = try await runs.run(id: to),
            old.toolId == tool.id, new.toolId == tool.id
        else { return nil }
        let oldReviews = try await runs.reviews(runId: old.id)
        let newReviews = try await runs.reviews(runId: new.id)
        var names: [String] = []
        for review in oldReviews + newReviews where !names.contains(review.personaName) { names.append(review.personaName) }
        let changes = names.map { name in
            change(name, oldReviews.first { $0.personaName == name }, newReviews.first { $0.personaName == name })
        }
        return RunDiffView(
            meta: site.meta(
                title: "\(tool.name): what changed between panel runs \(old.id) and \(new.id) — Verdicts",
                description: "Scores, verdicts and review text compared between two panel runs of \(tool.name).",
                path: SiteURL.runDiff(tool.slug, from: old.id, to: new.id).path),
            toolName: tool.name, historyURL: SiteURL.runs(tool.slug).path,
            from: RunSummaryView(old, slug: tool.slug, reviewCount: oldReviews.count),
            to: RunSummaryView(new, slug: tool.slug, reviewCount: newReviews.count), changes: changes)
    }

    static func change(_ name: String, _ old: PanelReview?, _ new: PanelReview?) -> PersonaChange {
        func label(_ review: PanelReview?) -> String {
            review.map { "\($0.verdict == .ship ? "Ship" : "Skip") \($0.score)/100" } ?? "no review"
        }
        let delta = (old?.score).flatMap { before in (new?.score).map { $0 - before } }
        let segments = WordDiff.segments(from: old?.text ?? "", to: new?.text ?? "").map {
            SegmentView(text: $0.text, isAdded: $0.change == .added, isRemoved: $0.change == .removed)
        }
        return PersonaChange(
            personaName: name, before: label(old), after: label(new),
            scoreChange: delta.map { $0 == 0 ? "no change" : ($0 > 0 ? "+\($0)" : "\($0)") } ?? "–",
            verdictChanged: old != nil && new != nil && old?.verdict != new?.verdict, segments: segments)
    }
}

/// The tool page's view of a run in progress, filled in live by `site.js`.
struct LivePanelView: Sendable {
    struct Slot: Sendable {
        let slug: String
        let name: String
        let text: String
        let state: String
    }

    let streamURL: String
    let heading = "A new panel run is being written"
    let status: String
    let slots: [Slot]

    static func load(tool: ToolRow, site: Site) async throws -> LivePanelView? {
        let runs = PanelRunQueries(site.database.sql)
        // A stability check asks the same panel again and changes nothing a reader sees.
        guard let run = try await runs.unfinishedRun(toolId: tool.id), run.purpose == .verdict else { return nil }
        let reviews = try await runs.reviews(runId: run.id)
        let drafts = try await runs.drafts(runId: run.id)
        let personas = try await CatalogQueries(site.database.sql).personas().filter(\.active)
        let slots = personas.map { persona in
            if let review = reviews.first(where: { $0.personaSlug == persona.slug }) {
                return Slot(slug: persona.slug, name: persona.name, text: review.text,
                            state: "\(review.verdict == .ship ? "Ship" : "Skip") \(review.score)/100")
            }
            let draft = drafts.first { $0.personaSlug == persona.slug }
            return Slot(slug: persona.slug, name: persona.name, text: draft?.text ?? "", state: draft == nil ? "Waiting" : "Writing…")
        }
        return LivePanelView(streamURL: SiteURL.panelLive(tool.slug).path, status: LiveStatus.describe(run), slots: slots)
    }
}
