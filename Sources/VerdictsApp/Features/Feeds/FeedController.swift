import Foundation
import Hummingbird
import VerdictsCore

/// What crawlers and feed readers fetch besides the sitemap (SitemapController): `robots.txt` and an Atom feed of new verdicts.
struct FeedController {
    let site: Site
    func register(on routes: SiteRoutes) {
        routes.on(.robots, use: robots)
        routes.on(.feed, use: feed)
    }

    @Sendable func robots(_ request: Request, context: AppRequestContext) async throws -> Response {
        let text = "User-agent: *\nAllow: /\nDisallow: /search\n\nSitemap: \(site.baseURL)\(SiteURL.sitemap.path)\n"
        return Self.response(text, type: "text/plain; charset=utf-8")
    }

    @Sendable func feed(_ request: Request, context: AppRequestContext) async throws -> Response {
        struct Run: Decodable { var id: Int; var toolId: Int; var backend: String; var model: String?; var finishedAt: Date }
        let runs = try await site.database.sql.raw("""
            SELECT id, tool_id, backend, model, finished_at FROM panel_runs
            WHERE status = 'complete' AND purpose = 'verdict' AND finished_at IS NOT NULL ORDER BY finished_at DESC, id DESC LIMIT 30
            """).all(decoding: Run.self, keyDecodingStrategy: .convertFromSnakeCase)
        let catalog = CatalogQueries(site.database.sql)
        let toolIds = Array(Set(runs.map(\.toolId)))
        let tools = Dictionary(uniqueKeysWithValues: try await catalog.tools(ids: toolIds).map { ($0.id, $0) })
        let panels = try await PanelQueries(site.database.sql).latestPanels(toolIds: toolIds)
        let host = URL(string: site.baseURL)?.host ?? "verdicts.local"
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <title>Verdicts: new panel verdicts</title>
            <subtitle>AI reviewer personas decide which AI tools to ship with.</subtitle>
            <id>\(XMLText.escape(site.baseURL + SiteURL.home.path))</id>
            <link rel="self" href="\(XMLText.escape(site.baseURL + SiteURL.feed.path))"/>
            <link rel="alternate" type="text/html" href="\(XMLText.escape(site.baseURL + SiteURL.home.path))"/>
            <updated>\(XMLText.timestamp(runs.first?.finishedAt ?? Date(timeIntervalSince1970: 0)))</updated>
            <author><name>Verdicts</name></author>

            """
        for run in runs {
            guard let tool = tools[run.toolId] else { continue }
            let summary = PanelSummary(panels[tool.id] ?? [])
            let writer = run.backend == "editorial" ? "editorial reviews in each persona's voice" : "reviews written by \(run.model ?? "a language model")"
            xml += """
                <entry>
                <title>\(XMLText.escape("\(tool.name): \(summary.label)"))</title>
                <id>tag:\(XMLText.escape(host)),2025:panel-run-\(run.id)</id>
                <link rel="alternate" type="text/html" href="\(XMLText.escape(site.baseURL + SiteURL.tool(tool.slug).path))"/>
                <updated>\(XMLText.timestamp(run.finishedAt))</updated>
                <summary>\(XMLText.escape("\(tool.tagline) Panel verdict: \(summary.label), from \(writer)."))</summary>
                </entry>

                """
        }
        xml += "</feed>\n"
        return Self.response(xml, type: "application/atom+xml; charset=utf-8")
    }

    static func response(_ text: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "public, max-age=300"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
