import Foundation
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

    @Test("the home page lists every category of the demo catalog")
    func home() async throws {
        try await withSite { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                for heading in ["LLM APIs", "Vision-language models", "Coding assistants", "Local inference runtimes"] {
                    #expect(response.text.contains(heading), "missing \(heading)")
                }
                #expect(response.text.contains(#"href="/tools/claude-4-sonnet""#))
            }
        }
    }

    @Test("a tool page shows the card, the four reviews and their provenance")
    func toolPage() async throws {
        try await withSite { client in
            try await client.execute(uri: "/tools/claude-4-sonnet", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<title>Claude Sonnet 4 — panel verdict and pricing</title>"))
                for persona in ["Builder", "Skeptic", "Futurist", "Founder"] {
                    #expect(html.contains("<h3>\(persona) — "), "missing \(persona)")
                }
                #expect(html.contains("Editorial review · prompt v1"))
                #expect(html.contains("Panel ship %"))
                #expect(html.contains("<h2>Compare with…</h2>"))
                #expect(html.contains(#"href="/compare/claude-4-opus-vs-claude-4-sonnet""#))
            }
        }
    }

    @Test("the comparison page shows both tools, the decision table and the scorecard")
    func comparePage() async throws {
        try await withSite { client in
            try await client.execute(uri: "/compare/claude-4-sonnet-vs-gpt-4o", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<h1>Claude Sonnet 4 vs GPT-4o</h1>"))
                #expect(html.contains("Which one should you ship with?"))
                #expect(html.contains(#"<th scope="row">Panel verdict</th>"#))
                #expect(html.contains("Reviewer scorecard"))
                #expect(html.components(separatedBy: "/100</strong>").count - 1 == 8)
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
        }
    }

    @Test("unknown tools, self-comparisons and unknown pages get a helpful 404", arguments: [
        "/tools/gtp-4o", "/compare/gpt-4o-vs-gpt-4o", "/compare/claude-4-sonnet-vs-gtp-4o", "/compare/nonsense", "/no/such/page",
    ])
    func notFound(_ uri: String) async throws {
        try await withSite { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(response.text.contains("We could not find that page"))
                if uri.contains("gtp-4o") {
                    #expect(response.text.contains("Did you mean:"))
                    #expect(response.text.contains(#"<a href="/tools/gpt-4o">GPT-4o</a>"#), "suggests the closest tool")
                }
            }
        }
    }

    @Test("text from the catalog is HTML-escaped")
    func escaping() async throws {
        let hostile = """
            tools:
              - slug: hostile-tool
                name: "<script>alert(1)</script>"
                vendor: "Evil & Co"
                category: llm-apis
                tagline: "\\"><img src=x onerror=alert(1)>"
                best_for: Nobody.
                description: A tool whose every field tries to inject markup into the page.
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
            for uri in ["/tools/hostile-tool", "/compare/gpt-4o-vs-hostile-tool", "/"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(!response.text.contains("<script>alert"), "\(uri)")
                    #expect(!response.text.contains("<img src=x"), "\(uri)")
                    #expect(response.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(uri)")
                }
            }
        }
    }
}
