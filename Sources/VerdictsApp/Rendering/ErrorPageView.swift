import VerdictsCore

/// A not-found or error page in the site's own style, with a way onward.
struct ErrorPageView: PageView {
    var meta: PageMeta
    let heading: String
    let message: String
    let suggestions: [LinkView]
    /// Stored, not computed: Mustache reads view models by reflection, which sees stored properties only.
    let hasSuggestions: Bool

    init(meta: PageMeta, heading: String, message: String, suggestions: [LinkView]) {
        (self.meta, self.heading, self.message) = (meta, heading, message)
        self.suggestions = suggestions
        self.hasSuggestions = !suggestions.isEmpty
    }

    static func notFound(_ message: String, path: String, suggestions: [LinkView] = [], site: Site) -> ErrorPageView {
        ErrorPageView(
            meta: site.meta(title: "Not found — Verdicts", description: message, path: path),
            heading: "We could not find that page", message: message, suggestions: suggestions)
    }

    static func failure(path: String, site: Site) -> ErrorPageView {
        ErrorPageView(
            meta: site.meta(title: "Something went wrong — Verdicts", description: "An unexpected error.", path: path),
            heading: "Something went wrong",
            message: "The page could not be built just now. Please try again in a moment.", suggestions: [])
    }

    /// Up to five tools whose names or slugs are closest to what was asked for.
    static func closestTools(to query: String, in tools: [ToolRow], limit: Int = 5) -> [LinkView] {
        let wanted = query.lowercased()
        return tools
            .map { tool in (tool, min(editDistance(wanted, tool.slug), editDistance(wanted, tool.name.lowercased()))) }
            .sorted { $0.1 == $1.1 ? $0.0.name < $1.0.name : $0.1 < $1.1 }
            .prefix(limit)
            .map { LinkView(label: $0.0.name, url: SiteURL.tool($0.0.slug).path) }
    }

    /// Levenshtein distance; names are short, so the quadratic table is cheap.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.prefix(80)), b = Array(b.prefix(80))
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
