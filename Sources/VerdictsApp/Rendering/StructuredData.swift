import VerdictsCore

/// schema.org data for search engines. Panel reviews are attributed to the site as an organization,
/// never to a person, and no AggregateRating is built from panel scores: they are opinions of AI
/// personas, not ratings by users.
enum StructuredData {
    static func organization(_ site: Site) -> [String: Any] {
        ["@type": "Organization", "name": "Verdicts", "url": site.baseURL + SiteURL.home.path]
    }

    static func softwareApplication(_ tool: ToolRow, category: CategoryRow?, reviews: [PanelReview], site: Site) -> [String: Any] {
        var data: [String: Any] = [
            "@context": "https://schema.org",
            "@type": "SoftwareApplication",
            "name": tool.name,
            "description": tool.description,
            "url": site.baseURL + SiteURL.tool(tool.slug).path,
            "sameAs": tool.website,
            "applicationCategory": category?.name ?? "DeveloperApplication",
            "publisher": ["@type": "Organization", "name": tool.vendor],
            "datePublished": tool.launchedOn,
            "license": tool.license,
        ]
        if !reviews.isEmpty {
            data["review"] = reviews.map { review -> [String: Any] in
                [
                    "@type": "Review",
                    "name": "\(review.personaName) persona review (AI reviewer panel)",
                    "author": organization(site),
                    "reviewBody": review.text,
                    "datePublished": Provenance.day(review.createdAt),
                    "reviewRating": ["@type": "Rating", "ratingValue": review.score, "bestRating": 100, "worstRating": 0],
                ]
            }
        }
        return data
    }

    static func comparison(_ a: ToolRow, _ b: ToolRow, site: Site) -> [String: Any] {
        [
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": "\(a.name) vs \(b.name)",
            "publisher": organization(site),
            "about": [a, b].map { ["@type": "SoftwareApplication", "name": $0.name, "url": site.baseURL + SiteURL.tool($0.slug).path] },
        ]
    }
}
