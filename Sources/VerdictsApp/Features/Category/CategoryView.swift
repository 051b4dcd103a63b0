import VerdictsCore

/// `/categories/<slug>`: the category's tools, filtered by pricing model and panel verdict, sorted
/// by panel score, newest launch or name. Everything works as a plain GET form.
struct CategoryView: PageView {
    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    typealias Sort = CategoryReading.Sort

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

        let reading = try await CategoryReading.read(category, site: site)
        let shown = reading.shown(pricing: pricing, verdict: verdict, sort: sort)
        let all = reading.entries
        let comparisons = reading.topPairs.map { a, b in LinkView(label: "\(a.name) vs \(b.name)", url: SiteURL.compare(a.slug, b.slug).path) }
        return CategoryView(
            meta: site.meta(
                title: "\(category.name): panel verdicts and pricing compared — Verdicts",
                description: category.description, path: SiteURL.category(category.slug).path),
            name: category.name, description: category.description,
            tools: shown.map { ToolCardView(tool: $0.tool, category: category, panel: $0.panel, votes: $0.votes) },
            resultSummary: shown.count == all.count ? "\(all.count) tools" : "\(shown.count) of \(all.count) tools match",
            pricingOptions: [Option(value: "", label: "Any pricing", selected: pricing == nil)]
                + PricingModel.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == pricing) },
            verdictOptions: [Option(value: "", label: "Any verdict", selected: verdict == nil),
                             Option(value: "ship", label: "Panel says ship", selected: verdict == .ship),
                             Option(value: "skip", label: "Panel says skip", selected: verdict == .skip),
                             Option(value: "split", label: "Panel is split", selected: verdict == .split)],
            sortOptions: Sort.allCases.map { Option(value: $0.rawValue, label: Self.label(of: $0), selected: $0 == sort) },
            notices: notices, comparisons: comparisons)
    }
}

extension CategoryView {
    static func label(of sort: Sort) -> String {
        switch sort {
        case .score: "Panel score"
        case .community: "Community (lower bound)"
        case .newest: "Newest launch"
        case .name: "Name"
        }
    }
}
