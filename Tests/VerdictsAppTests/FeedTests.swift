import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
import VerdictsCore

/// Parses XML and records element names and the text of the elements asked for.
final class XMLOutline: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var texts: [String: [String]] = [:]
    private var current = ""
    private let collect: Set<String>

    init(collecting: Set<String>) { collect = collecting }

    static func parse(_ text: String, collecting: Set<String> = []) -> (XMLOutline, Bool) {
        let outline = XMLOutline(collecting: collecting)
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = outline
        return (outline, parser.parse())
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(name)
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if collect.contains(name) { texts[name, default: []].append(current) }
        current = ""
    }
}

@Suite("Sitemap, robots.txt and the Atom feed")
struct FeedTests {
    @Test("sitemap.xml indexes files that together list tools, categories, personas and comparisons with lastmod")
    func sitemap() async throws {
        try await withSite { client in
            let index = try await client.execute(uri: "/sitemap.xml", method: .get)
            #expect(index.headers[.contentType] == "application/xml; charset=utf-8")
            let (indexOutline, indexOK) = XMLOutline.parse(index.text, collecting: ["loc"])
            #expect(indexOK && indexOutline.elements.first == "sitemapindex", "sitemap.xml is a well-formed index")
            let files = indexOutline.texts["loc"] ?? []
            #expect(files == ["pages", "tools-1", "comparisons"].map { "https://verdicts.test/sitemaps/\($0).xml" })
            var locations: [String] = [], lastmods: [String] = []
            for file in files {
                let response = try await client.execute(uri: String(file.dropFirst("https://verdicts.test".count)), method: .get)
                let (outline, ok) = XMLOutline.parse(response.text, collecting: ["loc", "lastmod"])
                #expect(ok && outline.elements.first == "urlset", "\(file) is a well-formed urlset")
                locations += outline.texts["loc"] ?? []
                lastmods += outline.texts["lastmod"] ?? []
            }
            for path in ["/tools/claude-4-sonnet", "/categories/vision-language", "/personas/builder",
                         "/compare/claude-4-sonnet-vs-gpt-4o", "/methodology"] {
                #expect(locations.contains("https://verdicts.test" + path), "missing \(path)")
            }
            #expect(!locations.contains { $0.contains("/compare/") && $0.contains("pgvector") && $0.contains("claude") },
                    "comparisons only within a category")
            #expect(Set(locations).count == locations.count, "each address once")
            #expect(!lastmods.isEmpty && lastmods.allSatisfy { (try? Date($0, strategy: .iso8601)) != nil })
            for missing in ["/sitemaps/tools-2.xml", "/sitemaps/tools-0.xml", "/sitemaps/other.xml"] {
                #expect(try await client.execute(uri: missing, method: .get).status == .notFound, "\(missing)")
            }
        }
    }

    @Test("a catalog past 50,000 tools is listed whole, in tool files of 50,000")
    func sitemapAtScale() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            var synthetic = SyntheticCatalog(database: db, sizes: .init(tools: 50_100, reviews: 0, votes: 0, answers: 0), seed: 7)
            _ = try await synthetic.generate()
            do {
                let index = try await client.execute(uri: "/sitemap.xml", method: .get)
                let files = XMLOutline.parse(index.text, collecting: ["loc"]).0.texts["loc"] ?? []
                #expect(files.map { $0.split(separator: "/").last! } == ["pages.xml", "tools-1.xml", "tools-2.xml", "comparisons.xml"])
                var tools = 0
                for name in ["tools-1", "tools-2"] {
                    let text = try await client.execute(uri: "/sitemaps/\(name).xml", method: .get).text
                    tools += text.components(separatedBy: "<loc>").count - 1
                }
                #expect(tools == 50_100)
                let pairs = try await client.execute(uri: "/sitemaps/comparisons.xml", method: .get).text
                #expect(pairs.components(separatedBy: "<loc>").count - 1 == 50_000, "comparisons fill one file")
            }
        }
    }

    @Test("robots.txt allows crawling and names the sitemap")
    func robots() async throws {
        try await withSite { client in
            try await client.execute(uri: "/robots.txt", method: .get) { response in
                #expect(response.text.contains("User-agent: *"))
                #expect(response.text.contains("Sitemap: https://verdicts.test/sitemap.xml"))
            }
        }
    }

    @Test("the Atom feed is well-formed and each entry has an id, title, link and updated time")
    func atom() async throws {
        try await withSite { client in
            try await client.execute(uri: "/feed.xml", method: .get) { response in
                #expect(response.headers[.contentType] == "application/atom+xml; charset=utf-8")
                let (outline, ok) = XMLOutline.parse(response.text, collecting: ["id", "title", "updated"])
                #expect(ok, "feed is not well-formed XML")
                #expect(outline.elements.first == "feed")
                let entries = outline.elements.filter { $0 == "entry" }.count
                #expect(entries >= 24)
                #expect((outline.texts["id"] ?? []).count == entries + 1)
                #expect(Set(outline.texts["id"] ?? []).count == entries + 1, "ids are unique")
                #expect((outline.texts["updated"] ?? []).allSatisfy { (try? Date($0, strategy: .iso8601)) != nil })
                #expect(outline.elements.filter { $0 == "link" }.count >= entries + 2)
            }
        }
    }
}
