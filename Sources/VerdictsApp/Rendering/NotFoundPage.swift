import Hummingbird
import VerdictsCore

extension Site {
    /// A 404 page; with `near`, it suggests the tools whose names are closest to what was asked for.
    func notFound(_ message: String, path: String, near query: String? = nil) async throws -> HTMLPage {
        var suggestions: [LinkView] = []
        if let query {
            // A large catalog is narrowed to the tools sharing the first two letters before the
            // edit distances are worked out, so a 404 stays cheap at a hundred thousand tools.
            let catalog = CatalogQueries(database.sql)
            let candidates = try await catalog.toolCount() <= 2000
                ? try await catalog.tools() : try await catalog.tools(slugPrefix: String(query.prefix(2)), limit: 2000)
            suggestions = ErrorPageView.closestTools(to: query, in: candidates)
        }
        return try page("error", ErrorPageView.notFound(message, path: path, suggestions: suggestions, site: self), status: .notFound)
    }
}
