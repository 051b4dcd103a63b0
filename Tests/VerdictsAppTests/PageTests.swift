import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

@Suite("Pages")
struct PageTests {
    @Test("/healthz answers ok when the database answers")
    func health() async throws {
        try await withSite { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(#""database":"ok""#))
            }
        }
    }

    @Test("the home page shows latest verdicts, splits, comparisons and every category")
    func home() async throws {
        try await withSite { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                for heading in ["Latest verdicts", "Where the panel splits", "Comparisons to start with", "Categories"] {
                    #expect(html.contains(heading), "missing \(heading)")
                }
                for category in ["LLM APIs", "Vision-language models", "Coding assistants", "Local inference runtimes"] {
                    #expect(html.contains(category), "missing \(category)")
                }
                #expect(html.contains(#"href="/compare/"#))
                #expect(html.contains(#"<link rel="canonical" href="https://verdicts.test/">"#))
            }
        }
    }

    @Test("a tool page shows the card, the four reviews with provenance, the picker and alternatives")
    func toolPage() async throws {
        try await withSite { client in
            try await client.execute(uri: "/tools/claude-4-sonnet", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<title>Claude Sonnet 4: panel verdict, pricing and alternatives — Verdicts</title>"))
                for persona in ["builder", "skeptic", "futurist", "founder"] {
                    #expect(html.contains(#"<h3><a href="/personas/\#(persona)">"#), "missing \(persona)")
                }
                #expect(html.contains("Editorial review in the persona&#39;s voice · prompt v1"))
                #expect(html.contains("AI reviewer panel"))
                #expect(html.contains("Pricing read"))
                #expect(html.contains(#"<form class="filters" action="/compare" method="get">"#))
                #expect(html.contains(#"href="/compare/claude-4-opus-vs-claude-4-sonnet""#))
            }
        }
    }

    @Test("the comparison page shows both tools, the decision table, the scorecard with splits, and related comparisons")
    func comparePage() async throws {
        try await withSite { client in
            try await client.execute(uri: "/compare/claude-4-sonnet-vs-gpt-4o", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<h1>Claude Sonnet 4 vs GPT-4o</h1>"))
                #expect(html.contains("Which one should you ship with?"))
                #expect(html.contains(#"<th scope="row">Panel verdict</th><td data-label="Claude Sonnet 4">Ship · 3 ship / 1 skip</td><td data-label="GPT-4o">Skip · 1 ship / 3 skip</td>"#))
                #expect(html.components(separatedBy: #"<span class="score">"#).count - 1 == 8)
                // The demo panel calls Sonnet 4 ship and GPT-4o skip on the Futurist and Founder rows.
                #expect(html.contains("The panel splits on"))
                #expect(html.contains(#"<span class="badge split">split</span></th>"#))
                #expect(html.contains("Related comparisons"))
                #expect(html.contains(#"<link rel="canonical" href="https://verdicts.test/compare/claude-4-sonnet-vs-gpt-4o">"#))
            }
        }
    }

    @Test("the reverse order redirects permanently to the canonical comparison")
    func canonicalRedirect() async throws {
        try await withSite { client in
            try await client.execute(uri: "/compare/gpt-4o-vs-claude-4-sonnet", method: .get) { response in
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == "/compare/claude-4-sonnet-vs-gpt-4o")
            }
            try await client.execute(uri: "/compare?a=gpt-4o&b=claude-4-sonnet", method: .get) { response in
                #expect(response.status == .found)
                #expect(response.headers[.location] == "/compare/claude-4-sonnet-vs-gpt-4o")
            }
            try await client.execute(uri: "/compare?a=gpt-4o&b=x%0d%0aSet-Cookie:%20a=b", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.location] == nil)
            }
        }
    }

    @Test("unknown tools, categories, personas, self-comparisons and pages get a helpful 404", arguments: [
        "/tools/gtp-4o", "/compare/gpt-4o-vs-gpt-4o", "/compare/claude-4-sonnet-vs-gtp-4o", "/compare/nonsense",
        "/no/such/page", "/categories/nope", "/personas/nope", "/assets/site.0000000000.css",
    ])
    func notFound(_ uri: String) async throws {
        try await withSite { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(response.text.contains("We could not find that page"))
                #expect(response.text.contains(#"<link rel="stylesheet" href="/assets/site."#), "in the site's style")
                if uri.contains("gtp-4o") {
                    #expect(response.text.contains("Did you mean"))
                    #expect(response.text.contains(#"<a href="/tools/gpt-4o">GPT-4o</a>"#), "suggests the closest tool")
                }
            }
        }
    }

    @Test("text from the catalog is HTML-escaped on every page, and JSON-LD cannot close its script")
    func escaping() async throws {
        let hostile = """
            tools:
              - slug: hostile-tool
                name: "<script>alert(1)</script>"
                vendor: "Evil & Co"
                category: llm-apis
                tagline: "\\"><img src=x onerror=alert(1)>"
                best_for: Nobody.
                description: "A tool whose fields try to inject markup: </script><script>alert(2)</script>"
                pricing_model: free
                pricing: Free.
                entry_price: Free
                website: https://example.com/?a=1&b=<2>
                launched: 2024-01-01
                license: MIT
            """
        let folder = try Repository.temporaryFolder()
        try Data(hostile.utf8).write(to: folder.appendingPathComponent("hostile.yaml"))
        try await withSite(extraCatalog: folder.path) { client in
            for uri in ["/tools/hostile-tool", "/compare/gpt-4o-vs-hostile-tool", "/", "/categories/llm-apis",
                        "/search?q=script", "/feed.xml"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(!response.text.contains("<script>alert"), "\(uri)")
                    #expect(!response.text.contains("<img src=x"), "\(uri)")
                }
            }
            try await client.execute(uri: "/tools/hostile-tool", method: .get) { response in
                #expect(response.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                // The structured data still says what the catalog says, but holds no `<` to end the script early.
                let start = try #require(response.text.range(of: #"<script type="application/ld+json">"#))
                let end = try #require(response.text.range(of: "</script>", range: start.upperBound..<response.text.endIndex))
                let json = String(response.text[start.upperBound..<end.lowerBound])
                #expect(!json.contains("<"))
                let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
                #expect((object["description"] as? String)?.contains("</script><script>alert(2)</script>") == true)
                #expect(object["aggregateRating"] == nil, "no AggregateRating built from panel scores")
            }
        }
    }
}

@Suite("Security headers")
struct SecurityHeaderTests {
    @Test("pages, assets, errors and votes carry the security headers; the voter cookie is HttpOnly, SameSite=Lax and Secure behind HTTPS", arguments: [
        "/", "/tools/gpt-4o", "/no/such/page", "/healthz", "/sitemap.xml",
    ])
    func headers(_ uri: String) async throws {
        try await withSite { client in
            try await client.execute(uri: uri, method: .get) { response in
                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("script-src 'self'") && !policy.contains("script-src 'self' 'unsafe-inline'"))
                #expect(policy.contains("frame-ancestors 'none'"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "strict-origin-when-cross-origin")
                if let cookie = response.headers[.setCookie] {
                    #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
                    #expect(cookie.contains("Secure"), "the test site says it is served over HTTPS")
                }
            }
        }
    }

    @Test("no page contains an inline script that the policy would have to allow")
    func noInlineScripts() async throws {
        try await withSite { client in
            for uri in ["/", "/tools/gpt-4o", "/compare/claude-4-sonnet-vs-gpt-4o", "/search?q=a", "/leaderboard", "/newsletter"] {
                let html = try await client.execute(uri: uri, method: .get).text
                let scripts = html.matches(of: /<script([^>]*)>/).map { String($0.1) }
                #expect(scripts.allSatisfy { $0.contains("src=") || $0.contains("application/ld+json") }, "\(uri): \(scripts)")
            }
        }
    }
}

@Suite("Refused requests")
struct RefusedRequestTests {
    @Test("a body over the size limit gets a 413 page in the site's style and changes nothing")
    func tooLarge() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let reader = try await Reader.visit("/newsletter", with: client)
            let body = "email=" + String(repeating: "a", count: 200_000) + "%40example.com"
            let response = try await reader.post("/newsletter", body, client: client)
            #expect(response.status == .contentTooLarge)
            #expect(response.text.contains("larger than this site accepts"))
            #expect(response.text.contains(#"<link rel="stylesheet" href="/assets/site."#))
            let count = try await db.sql.raw("SELECT COUNT(*) AS n FROM subscribers").first()?.decode(column: "n", as: Int.self)
            #expect(count == 0)
        }
    }

    @Test("a method an address does not take is refused with a page, not a crash")
    func wrongMethod() async throws {
        try await withSite { client in
            for method in [HTTPRequest.Method.put, .delete, .patch] {
                try await client.execute(uri: "/tools/gpt-4o", method: method) { response in
                    #expect([.notFound, .methodNotAllowed].contains(response.status), "\(method)")
                    #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                }
            }
        }
    }
}
