import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

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
    @Test("sitemap.xml is well-formed and lists tools, categories, personas and comparisons with lastmod")
    func sitemap() async throws {
        try await withSite { client in
            try await client.execute(uri: "/sitemap.xml", method: .get) { response in
                #expect(response.headers[.contentType] == "application/xml; charset=utf-8")
                let (outline, ok) = XMLOutline.parse(response.text, collecting: ["loc", "lastmod"])
                #expect(ok, "sitemap is not well-formed XML")
                #expect(outline.elements.first == "urlset")
                let locations = outline.texts["loc"] ?? []
                for path in ["/tools/claude-4-sonnet", "/categories/vision-language", "/personas/builder",
                             "/compare/claude-4-sonnet-vs-gpt-4o", "/methodology"] {
                    #expect(locations.contains("https://verdicts.test" + path), "missing \(path)")
                }
                #expect(!locations.contains { $0.contains("/compare/") && $0.contains("pgvector") && $0.contains("claude") },
                        "comparisons only within a category")
                #expect((outline.texts["lastmod"] ?? []).allSatisfy { (try? Date($0, strategy: .iso8601)) != nil })
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
