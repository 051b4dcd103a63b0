import Foundation
import VerdictsCore

/// `/admin`: what the panel worker is doing, failed runs with their reasons, and the desk's tools.
struct AdminHomeView: PageView {
    struct RunLine: Sendable {
        let run: RunSummaryView
        let toolName: String
        let toolURL: String
    }

    var meta: PageMeta
    let runs: [RunLine]
    let failed: [RunLine]
    let hasFailed: Bool
    let queuedCount: Int
    let workerNote: String

    static func load(site: Site) async throws -> AdminHomeView {
        let runs = try await PanelRunQueries(site.database.sql).recentRuns(limit: 40)
        let tools = Dictionary(uniqueKeysWithValues: try await CatalogQueries(site.database.sql).tools().map { ($0.id, $0) })
        let counts = try await PanelRunQueries(site.database.sql).reviewCounts(runIds: runs.map(\.id))
        let lines = runs.compactMap { run -> RunLine? in
            guard let tool = tools[run.toolId] else { return nil }
            return RunLine(run: RunSummaryView(run, slug: tool.slug, reviewCount: counts[run.id] ?? 0), toolName: tool.name,
                           toolURL: SiteURL.tool(tool.slug).path)
        }
        let failed = lines.filter(\.run.isFailed)
        let backend = site.panelBackend.map { "This server's worker writes panels with \($0.name) (\($0.modelName))." }
            ?? "This server runs no panel worker; queued runs wait for `verdicts worker`."
        return AdminHomeView(
            meta: site.meta(title: "Admin desk — Verdicts", description: "Panel runs, tools and vote moderation.", path: SiteURL.admin.path),
            runs: lines, failed: failed, hasFailed: !failed.isEmpty,
            queuedCount: runs.filter { $0.status == .queued || $0.status == .running }.count, workerNote: backend)
    }
}

/// `/admin/tools`: every tool with a link to edit it.
struct AdminToolsView: PageView {
    var meta: PageMeta
    let tools: [LinkView]

    static func load(site: Site) async throws -> AdminToolsView {
        let tools = try await CatalogQueries(site.database.sql).tools()
        return AdminToolsView(
            meta: site.meta(title: "Tools — Admin desk — Verdicts", description: "Edit the catalog.", path: SiteURL.adminTools.path),
            tools: tools.map { LinkView(label: $0.name, url: SiteURL.adminTool($0.slug).path) })
    }
}

/// The tool form, new or existing, with the problems of the last attempt to save it.
struct AdminToolFormView: PageView {
    struct Field: Sendable {
        let key: String
        let label: String
        let value: String
        let hint: String
        let isLong: Bool
        let isReadOnly: Bool
    }

    var meta: PageMeta
    let heading: String
    let action: String
    let fields: [Field]
    let categories: [OptionView]
    let pricingModels: [OptionView]
    let statuses: [OptionView]
    let problems: [String]
    let hasProblems: Bool
    let saved: Bool
    let toolURL: String?
    let panelAction: String?
    let runsURL: String?

    static let textFields: [(String, String, String, Bool)] = [
        ("slug", "Slug", "lowercase letters, digits and hyphens; it is the tool's address and cannot change later", false),
        ("name", "Name", "up to 80 characters", false),
        ("vendor", "Vendor", "up to 80 characters", false),
        ("tagline", "Tagline", "one line, up to 140 characters", false),
        ("best_for", "Best for", "who should pick it, up to 140 characters", false),
        ("description", "Description", "20 to 800 characters", true),
        ("pricing", "Pricing read", "plain language, up to 400 characters", true),
        ("entry_price", "Entry price", "for example Free or $20/month", false),
        ("website", "Website", "an http(s) address", false),
        ("launched", "Launched", "YYYY-MM-DD", false),
        ("license", "License", "for example MIT or Proprietary", false),
        ("context_window", "Context window (tokens)", "optional, a whole number", false),
    ]

    static func load(site: Site, slug: String?, values: [String: String]? = nil, problems: [String] = [], saved: Bool = false)
        async throws -> AdminToolFormView?
    {
        let catalog = CatalogQueries(site.database.sql)
        var current = values ?? [:]
        if values == nil, let slug {
            guard let tool = try await catalog.tool(slug: slug) else { return nil }
            current = try await Self.fields(of: tool, site: site)
        }
        let categories = try await catalog.categories()
        let editing = slug != nil
        let fields = textFields.map { key, label, hint, long in
            Field(key: key, label: label, value: current[key] ?? "", hint: hint, isLong: long, isReadOnly: editing && key == "slug")
        }
        let path = slug.map { SiteURL.adminTool($0).path } ?? SiteURL.adminNewTool.path
        return AdminToolFormView(
            meta: site.meta(title: (editing ? "Edit \(current["name"] ?? slug ?? "")" : "Add a tool") + " — Admin desk — Verdicts",
                            description: "Edit a tool of the catalog.", path: path),
            heading: editing ? "Edit \(current["name"] ?? slug ?? "")" : "Add a tool",
            action: slug.map { SiteURL.adminTool($0).path } ?? SiteURL.adminTools.path,
            fields: fields,
            categories: categories.map { OptionView(value: $0.slug, label: $0.name, selected: current["category"] == $0.slug) },
            pricingModels: PricingModel.allCases.map { OptionView(value: $0.rawValue, label: $0.label, selected: current["pricing_model"] == $0.rawValue) },
            statuses: ToolStatus.allCases.map { OptionView(value: $0.rawValue, label: $0.rawValue.capitalized, selected: (current["status"] ?? "active") == $0.rawValue) },
            problems: problems, hasProblems: !problems.isEmpty, saved: saved,
            toolURL: slug.map { SiteURL.tool($0).path }, panelAction: slug.map { SiteURL.adminQueuePanel($0).path },
            runsURL: slug.map { SiteURL.runs($0).path })
    }

    static func fields(of tool: ToolRow, site: Site) async throws -> [String: String] {
        let category = try await CatalogQueries(site.database.sql).category(id: tool.categoryId)
        return [
            "slug": tool.slug, "name": tool.name, "vendor": tool.vendor, "category": category?.slug ?? "",
            "tagline": tool.tagline, "best_for": tool.bestFor, "description": tool.description,
            "pricing_model": tool.pricingModel.rawValue, "pricing": tool.pricing, "entry_price": tool.entryPrice,
            "website": tool.website, "launched": tool.launchedOn, "license": tool.license, "status": tool.status.rawValue,
            "context_window": tool.contextWindow.map(String.init) ?? "",
        ]
    }
}

/// `/admin/votes`: the newest votes from the audit trail, with void and restore for a voter or an
/// address hash (a vote ring usually shares one or the other).
struct AdminVotesView: PageView {
    struct Line: Sendable {
        let when: String
        let kind: String
        let target: String
        let choice: String
        let voter: String
        let ipHash: String
        let voterFilter: String
        let ipFilter: String
    }

    var meta: PageMeta
    let lines: [Line]
    let hasLines: Bool
    let filter: String
    let notice: String?

    static func load(site: Site, voter: String?, ipHash: String?, notice: String?) async throws -> AdminVotesView {
        let rows = try await VoteModeration(site.database.sql).audit(voter: voter, ipHash: ipHash, limit: 200)
        let filter = voter.map { "voter \($0)" } ?? ipHash.map { "address hash \($0)" } ?? "everyone"
        // The trail stores ids ("14", "14-16"); a moderator reads names.
        let names = Dictionary(uniqueKeysWithValues: try await CatalogQueries(site.database.sql).tools().map { (String($0.id), $0.name) })
        func describe(_ target: String) -> String {
            target.split(separator: "-").map { names[String($0)] ?? String($0) }.joined(separator: " vs ")
        }
        return AdminVotesView(
            meta: site.meta(title: "Votes — Admin desk — Verdicts", description: "Vote moderation.", path: SiteURL.adminVotes.path),
            lines: rows.map {
                Line(when: RunSummaryView.time($0.createdAt), kind: $0.kind, target: describe($0.target), choice: $0.choice, voter: $0.voter, ipHash: $0.ipHash,
                     voterFilter: SiteURL.adminVotes.with(["voter": $0.voter]), ipFilter: SiteURL.adminVotes.with(["ip": $0.ipHash]))
            },
            hasLines: !rows.isEmpty, filter: filter, notice: notice)
    }
}
