import VerdictsCore

/// `/categories/<slug>`: the category's tools, filtered by pricing model and panel verdict, sorted
/// by panel score, newest launch or name. Everything works as a plain GET form.
struct CategoryView: PageView {
    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    enum Sort: String, CaseIterable {
        case score, community, newest, name
        var label: String {
            switch self {
            case .score: "Panel score"
            case .community: "Community (lower bound)"
            case .newest: "Newest launch"
            case .name: "Name"
            }
        }
    }

    var meta: PageMeta
    let name: String
    let description: String
    let tools: [ToolCardView]
    let resultSummary: String
    let pricingOptions: [Option]
    let verdictOptions: [Option]
    let sortOptions: [Option]
    let notices: [String]
    let comparisons: [LinkView]

    static func load(slug: String, query: [String: String], site: Site) async throws -> CategoryView? {
        let catalog = CatalogQueries(site.database.sql)
        guard let category = try await catalog.categories().first(where: { $0.slug == slug }) else { return nil }
        var notices: [String] = []
        func parse<T>(_ key: String, _ make: (String) -> T?) -> T? {
            guard let raw = query[key], !raw.isEmpty else { return nil }
            guard let value = make(raw) else {
                notices.append("Ignored the unknown \(key) '\(raw.prefix(40))'.")
                return nil
            }
            return value
        }
        let pricing = parse("pricing", PricingModel.init(rawValue:))
        let verdict = parse("verdict", PanelCall.init(rawValue:))
        let sort = parse("sort", Sort.init(rawValue:)) ?? .score

        let panels = try await PanelQueries(site.database.sql).latestPanels(categoryId: category.id)
        let votes = try await VoteQueries(site.database.sql).toolCounts(categoryId: category.id)
        func lowerBound(_ tool: ToolRow) -> Double { votes[tool.id]?.interval.lower ?? 0 }
        let all = try await catalog.tools(categoryId: category.id)
        let summaries = Dictionary(uniqueKeysWithValues: all.map { ($0.id, PanelSummary(panels[$0.id] ?? [])) })
        let shown = all
            .filter { pricing == nil || $0.pricingModel == pricing }
            .filter { verdict == nil || summaries[$0.id]?.verdict == verdict }
            .sorted { a, b in
                switch sort {
                case .score: ((summaries[a.id]?.averageScore ?? -1), b.name) > ((summaries[b.id]?.averageScore ?? -1), a.name)
                case .community: (lowerBound(a), b.name) > (lowerBound(b), a.name)
                case .newest: (a.launchedOn, b.name) > (b.launchedOn, a.name)
                case .name: a.name.localizedCaseInsensitiveCompare(b.name) == .orderedAscending
                }
            }
        let top = all.sorted { (summaries[$0.id]?.averageScore ?? -1) > (summaries[$1.id]?.averageScore ?? -1) }.prefix(4)
        var comparisons: [LinkView] = []
        for (i, a) in top.enumerated() {
            for b in top.dropFirst(i + 1) {
                comparisons.append(LinkView(label: "\(a.name) vs \(b.name)", url: SiteURL.compare(a.slug, b.slug).path))
            }
        }
        return CategoryView(
            meta: site.meta(
                title: "\(category.name): panel verdicts and pricing compared — Verdicts",
                description: category.description, path: SiteURL.category(category.slug).path),
            name: category.name, description: category.description,
            tools: shown.map { ToolCardView(tool: $0, category: category, panel: summaries[$0.id]!, votes: votes[$0.id]) },
            resultSummary: shown.count == all.count ? "\(all.count) tools" : "\(shown.count) of \(all.count) tools match",
            pricingOptions: [Option(value: "", label: "Any pricing", selected: pricing == nil)]
                + PricingModel.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == pricing) },
            verdictOptions: [Option(value: "", label: "Any verdict", selected: verdict == nil),
                             Option(value: "ship", label: "Panel says ship", selected: verdict == .ship),
                             Option(value: "skip", label: "Panel says skip", selected: verdict == .skip),
                             Option(value: "split", label: "Panel is split", selected: verdict == .split)],
            sortOptions: Sort.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == sort) },
            notices: notices, comparisons: comparisons)
    }
}
