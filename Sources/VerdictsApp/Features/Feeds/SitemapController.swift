import Foundation
import Hummingbird
import VerdictsCore

/// `sitemap.xml` is an index of sitemap files, each within the protocol's 50,000 addresses: the site's
/// own pages (home, methodology, categories, personas), the tools in files of 50,000, and the
/// comparisons within a category up to one file's worth (they grow with the square of a category).
/// A catalog of any size is listed whole, tools and all, and no request reads every tool at once.
struct SitemapController {
    let site: Site
    /// The sitemap protocol allows 50,000 addresses per file.
    static let fileLimit = 50_000

    func register(on routes: SiteRoutes) {
        routes.on(.sitemap, use: index)
        routes.on(.sitemapFile, use: file)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let toolFiles = max(1, (try await CatalogQueries(site.database.sql).toolCount() + Self.fileLimit - 1) / Self.fileLimit)
        let files = ["pages"] + (1...toolFiles).map { "tools-\($0)" } + ["comparisons"]
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for name in files { xml += "<sitemap><loc>\(XMLText.escape(site.baseURL + Self.path(name)))</loc></sitemap>\n" }
        xml += "</sitemapindex>\n"
        return FeedController.response(xml, type: "application/xml; charset=utf-8")
    }

    static func path(_ name: String) -> String { SiteURL.sitemapFile(name).path }

    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        let file = context.parameters.get("file") ?? ""
        let catalog = CatalogQueries(site.database.sql)
        let entries: [(String, Date?)]
        switch file {
        case "pages.xml":
            entries = try await pages(catalog)
        case "comparisons.xml":
            entries = try await comparisons(catalog)
        default:
            guard file.hasPrefix("tools-"), file.hasSuffix(".xml"), let number = Int(file.dropFirst(6).dropLast(4)), number >= 1,
                  number <= 1_000 else {
                throw HTTPError(.notFound, message: "There is no sitemap file called '\(file.prefix(60))'; /sitemap.xml lists them.")
            }
            let tools = try await catalog.sitemapTools(limit: Self.fileLimit, offset: (number - 1) * Self.fileLimit)
            guard !tools.isEmpty || number == 1 else {
                throw HTTPError(.notFound, message: "The catalog has fewer tools than sitemap file \(number) would list; /sitemap.xml lists the files.")
            }
            entries = tools.map { (SiteURL.tool($0.slug).path, $0.changedAt) }
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (path, modified) in entries.prefix(Self.fileLimit) {
            xml += "<url><loc>\(XMLText.escape(site.baseURL + path))</loc>"
            if let modified { xml += "<lastmod>\(XMLText.timestamp(modified))</lastmod>" }
            xml += "</url>\n"
        }
        xml += "</urlset>\n"
        return FeedController.response(xml, type: "application/xml; charset=utf-8")
    }

    /// Home, methodology, the personas and the categories; a category changes when one of its tools does.
    private func pages(_ catalog: CatalogQueries) async throws -> [(String, Date?)] {
        let changes = try await catalog.categoryChanges()
        var entries: [(String, Date?)] = [(SiteURL.home.path, changes.values.max()), (SiteURL.methodology.path, nil)]
        entries += try await catalog.personas().map { (SiteURL.persona($0.slug).path, nil) }
        entries += try await catalog.categories().map { (SiteURL.category($0.slug).path, changes[$0.id]) }
        return entries
    }

    /// Pairs within each category, category by category, until the file is full: only the tools of
    /// the categories that fit are read.
    private func comparisons(_ catalog: CatalogQueries) async throws -> [(String, Date?)] {
        var entries: [(String, Date?)] = []
        for category in try await catalog.categories() {
            let remaining = Self.fileLimit - entries.count
            guard remaining > 0 else { break }
            // n tools make n(n-1)/2 pairs; a category needs no more tools than fill what is left.
            var needed = 2
            while needed * (needed - 1) / 2 < remaining { needed += 1 }
            let inside = try await catalog.sitemapTools(categoryId: category.id, limit: needed)
            pairs: for (i, a) in inside.enumerated() {
                for b in inside.dropFirst(i + 1) {
                    guard entries.count < Self.fileLimit else { break pairs }
                    entries.append((SiteURL.compare(a.slug, b.slug).path, max(a.changedAt, b.changedAt)))
                }
            }
        }
        return entries
    }
}
