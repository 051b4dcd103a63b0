import VerdictsCore

/// `/search?q=`: full-text search over the catalog. With `fragment=1` only the results list is
/// rendered, for the search-as-you-type script.
struct SearchView: PageView {
    struct Hit: Sendable {
        let name: String
        let vendor: String
        let tagline: String
        let url: String
    }

    var meta: PageMeta
    let query: String
    let hasQuery: Bool
    let hits: [Hit]
    let summary: String

    static let maximumQueryLength = 200

    static func load(query raw: String, site: Site) async throws -> SearchView {
        let query = String(raw.trimmingCharacters(in: .whitespacesAndNewlines).prefix(maximumQueryLength))
        let hits = query.isEmpty ? [] : try await site.search(query, limit: 20)
        return SearchView(
            meta: site.meta(
                title: query.isEmpty ? "Search AI tools — Verdicts" : "“\(query)” — search — Verdicts",
                description: "Search the Verdicts catalog by tool name, vendor or what it does.", path: SiteURL.search.path),
            query: query, hasQuery: !query.isEmpty,
            hits: hits.map { Hit(name: $0.name, vendor: $0.vendor, tagline: $0.tagline, url: SiteURL.tool($0.slug).path) },
            summary: query.isEmpty ? "" : hits.isEmpty
                ? "No tool matches “\(query)”. Try a shorter word, a vendor name or what the tool does."
                : hits.count == 1 ? "1 tool matches “\(query)”." : "\(hits.count) tools match “\(query)”.")
    }
}
