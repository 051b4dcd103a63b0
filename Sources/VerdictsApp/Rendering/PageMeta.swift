/// What the `<head>` of every page carries: title, description, canonical address, social tags and
/// structured data. Every view model has one, built by `Site.meta`.
struct PageMeta: Sendable {
    let title: String
    let description: String
    let canonical: String
    let openGraphType: String
    let stylesheet: String
    let script: String
    /// JSON-LD, already made safe to place inside `<script>` (see `Site.jsonLD`).
    let structuredData: String?
    let feed: String
    /// The reader's CSRF token for forms in the page frame (the newsletter box); set by `Site.page`.
    var formToken: String?
    /// Reload the page every few seconds when scripts are off (a panel run in progress).
    var refreshWithoutScript = false
    /// The signed-in reader's address, shown in the header with a sign-out button; set by `Site.page`.
    var accountEmail: String?
    var isAdmin = false
    /// Every fixed address a template links to.
    let links = SiteLinks.shared
}

/// A view model with a page frame, so `Site.page` can give its forms the reader's token.
protocol PageView: Sendable {
    var meta: PageMeta { get set }
}

extension Site {
    func meta(title: String, description: String, path: String, type: String = "website", structuredData: [String: Any]? = nil) -> PageMeta {
        PageMeta(
            title: title, description: description, canonical: baseURL + path, openGraphType: type,
            stylesheet: assets.url("site.css"), script: assets.url("site.js"),
            structuredData: structuredData.flatMap(Self.jsonLD), feed: SiteURL.feed.path)
    }

    /// Serialises structured data for a `<script type="application/ld+json">` block (see `JSONLDWriter`).
    static func jsonLD(_ object: [String: Any]) -> String? {
        JSONLDWriter.write(object)
    }
}
