import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

@Suite("Category, persona, search and methodology pages")
struct CatalogPageTests {
    @Test("a category page lists its tools, filtered by pricing and verdict and sorted as asked")
    func categoryFilters() async throws {
        try await withSite { client in
            try await client.execute(uri: "/categories/vision-language", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<h1>Vision-language models</h1>"))
                #expect(response.text.contains("5 tools"))
            }
            try await client.execute(uri: "/categories/vision-language?verdict=ship&sort=score", method: .get) { response in
                let html = response.text
                #expect(html.contains("2 of 5 tools match"))
                let qwen = try #require(html.range(of: "Qwen2-VL</a></h3>")), smol = try #require(html.range(of: "SmolVLM2 (256M and 500M)</a></h3>"))
                #expect(qwen.lowerBound < smol.lowerBound, "73/100 sorts before 71/100")
                #expect(!html.contains("MobileVLM (V1 and V2)</a></h3>"))
            }
            try await client.execute(uri: "/categories/vision-language?sort=newest", method: .get) { response in
                let html = response.text
                let newest = try #require(html.range(of: "SmolVLM2 (256M and 500M)</a></h3>")), oldest = try #require(html.range(of: "MobileVLM (V1 and V2)</a></h3>"))
                #expect(newest.lowerBound < oldest.lowerBound)
                #expect(html.contains(#"<option value="newest" selected>"#))
            }
            try await client.execute(uri: "/categories/llm-apis?pricing=cheap", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Ignored the unknown pricing &#39;cheap&#39;."))
            }
        }
    }

    @Test("a persona page shows motto, rubric, score distribution and verdict history")
    func personaPage() async throws {
        try await withSite { client in
            try await client.execute(uri: "/personas/skeptic", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<h1>The Skeptic</h1>"))
                #expect(html.contains("Where does it break?"))
                #expect(html.contains("AI reviewer persona"))
                #expect(html.contains("Which direct competitor does it have to beat, by name?"))
                #expect(html.contains(#"<div class="histogram">"#))
                #expect(html.contains(#"<a href="/tools/gpt-4o">GPT-4o</a>"#))
                let match = try #require(html.firstMatch(of: /(\d+) verdicts: (\d+) ship, (\d+) skip/))
                #expect(Int(match.1)! == Int(match.2)! + Int(match.3)!)
                #expect(Int(match.1)! >= 24)
            }
        }
    }

    @Test("search finds tools by prefix, vendor and description words, on this engine's full-text index")
    func search() async throws {
        try await withSite { client in
            try await client.execute(uri: "/search?q=clau+son", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(#"<a href="/tools/claude-4-sonnet"><strong>Claude Sonnet 4</strong></a>"#))
                #expect(response.text.contains("“clau son”"))
            }
            try await client.execute(uri: "/search?q=anthropic&fragment=1", method: .get) { response in
                #expect(!response.text.contains("<html"), "a fragment is only the results")
                for slug in ["claude-4-sonnet", "claude-4-opus", "claude-code"] {
                    #expect(response.text.contains("/tools/\(slug)"), "missing \(slug)")
                }
            }
            try await client.execute(uri: "/search?q=pagedattention", method: .get) { response in
                #expect(response.text.contains("/tools/vllm"), "matches words in the description")
            }
            for hostile in ["%22%29+OR+*", "NEAR(a+b)", "'%3B+DROP+TABLE+tools%3B--", String(repeating: "a", count: 5000)] {
                try await client.execute(uri: "/search?q=\(hostile)", method: .get) { response in
                    #expect(response.status == .ok, "\(hostile.prefix(20))")
                }
            }
            try await client.execute(uri: "/search?q=zzzzqqq", method: .get) { response in
                #expect(response.text.contains("No tool matches"))
            }
        }
    }

    @Test("the methodology page explains the panel and says who wrote the reviews")
    func methodology() async throws {
        try await withSite { client in
            try await client.execute(uri: "/methodology", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("How the panel works"))
                #expect(html.contains("AI personas, not people"))
                #expect(html.contains(#"<th scope="row">Editorial, in each persona&#39;s voice</th><td data-label="Reviews">"#))
                #expect(html.contains(#"<a href="/personas/founder">Founder</a>"#))
            }
        }
    }

    @Test("static assets are fingerprinted and cached for a year")
    func assets() async throws {
        try await withSite { client in
            let home = try await client.execute(uri: "/", method: .get)
            let path = try #require(home.text.firstMatch(of: /href="(\/assets\/site\.[0-9a-f]{10}\.css)"/)?.1)
            try await client.execute(uri: String(path), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
                #expect(response.text.contains("prefers-color-scheme: dark"))
            }
        }
    }
}

@Suite("Bookmarks")
struct BookmarkPageTests {
    @Test("cards carry a bookmark button, every page the bookmarks panel, and /bookmarks a compare form")
    func bookmarkMarkup() async throws {
        try await withSite { client in
            try await client.execute(uri: "/compare/claude-4-sonnet-vs-gpt-4o", method: .get) { response in
                #expect(response.text.contains(#"data-bookmark="claude-4-sonnet" data-name="Claude Sonnet 4""#))
                #expect(response.text.contains(#"data-bookmark="gpt-4o" data-name="GPT-4o""#))
                #expect(response.text.contains("data-bookmarks-panel"))
            }
            try await client.execute(uri: "/bookmarks", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(#"<form class="filters" action="/compare" method="get" data-bookmarks-compare hidden>"#))
                #expect(response.text.contains("<noscript>"))
            }
        }
    }
}
