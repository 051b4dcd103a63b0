import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
@testable import VerdictsApp
import VerdictsCore

@Suite("Panel integrity on the pages and in the API")
struct PanelIntegrityPageTests {
    static let untraced = "$3.5 per million tokens"

    /// Publishes a model run for Claude Sonnet 4 whose Skeptic review has an untraced claim and was
    /// written by a model of the tool's own vendor.
    static func publishMarkedRun(_ db: AppDatabase) async throws {
        let (run, tool, personas) = try await PanelPageTests.queue("claude-4-sonnet", db)
        let runs = PanelRunQueries(db.sql)
        try await runs.markRunning(runId: run.id)
        for persona in personas {
            let text = "\(persona.name) review of Claude Sonnet 4: input costs $3 per million tokens and output costs \(untraced)."
            let claims = ClaimChecker(tool: tool, category: "LLM APIs").claims(in: text)
            var review = PanelPageTests.review(persona, score: 72, text: text)
            (review.claims, review.sameVendor) = (claims, persona.slug == "skeptic")
            try await runs.store(review, runId: run.id)
        }
        try await runs.markComplete(runId: run.id)
    }

    @Test("an untraced claim is marked where it stands on the tool and comparison pages, and same-vendor reviews are labelled")
    func marksOnPages() async throws {
        try await withSiteAndDatabase(cachesPages: false) { client, _, db, _ in
            try await Self.publishMarkedRun(db)
            let mark = #"<mark class="untraced">$3.5 per million tokens<span class="visually-hidden"> (claim not found in the facts)</span></mark>"#
            for page in ["/tools/claude-4-sonnet", "/compare/claude-4-sonnet-vs-gpt-4o"] {
                let html = try await client.execute(uri: page, method: .get).text
                #expect(html.components(separatedBy: mark).count - 1 == 4, "\(page): each review marks its claim")
                #expect(!html.contains(#"<mark class="untraced">$3 per"#), "\(page): a traced claim is not marked")
                #expect(html.contains("One claim marked in this review could not be found in the facts the panel was given."))
                #expect(html.components(separatedBy: "badge vendor\">Same vendor").count - 1 == 1, "\(page)")
            }
        }
    }

    @Test("the API carries each review's claims and its same-vendor flag")
    func claimsInAPI() async throws {
        try await withSiteAndDatabase(cachesPages: false) { client, _, db, _ in
            try await Self.publishMarkedRun(db)
            let body = try await client.execute(uri: "/api/v1/tools/claude-4-sonnet", method: .get).text
            let document = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            let reviews = try #require(document["reviews"] as? [[String: Any]])
            #expect(reviews.count == 4)
            for review in reviews {
                let claims = try #require(review["claims"] as? [[String: Any]])
                #expect(claims.map { $0["text"] as? String } == ["$3 per million tokens", Self.untraced])
                #expect(claims.map { $0["supported"] as? Bool } == [true, false])
                #expect(review["same_vendor"] as? Bool == (review["persona"] as? String == "skeptic"))
            }
            let methodology = try await client.execute(uri: "/api/v1/methodology", method: .get).text
            #expect(methodology.contains("\"same_vendor_reviews\":1"))
            #expect(methodology.contains("\"reviews_with_untraced_claims\":4"))
        }
    }

    @Test("the methodology page and its API document publish alpha from the panels and each persona's calibration")
    func methodology() async throws {
        try await withSiteAndDatabase(cachesPages: false) { client, _, db, _ in
            let units = try await ReliabilityQueries(db.sql).agreementUnits()
            let expected = try #require(Krippendorff.interval(units))
            let html = try await client.execute(uri: "/methodology", method: .get).text
            #expect(html.contains("Krippendorff"))
            #expect(html.contains(#"<td data-label="Alpha on scores">\#(String(format: "%.2f", expected))</td>"#))
            #expect(html.contains(#"<td data-label="Tools">\#(units.count)</td>"#))
            for persona in try await CatalogQueries(db.sql).personas() { #expect(html.contains(">\(persona.name)</a></th>")) }

            let body = try await client.execute(uri: "/api/v1/methodology", method: .get).text
            let document = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            let agreement = try #require((document["agreement"] as? [[String: Any]])?.first)
            #expect(abs((agreement["score_alpha"] as? Double ?? 9) - expected) < 1e-9)
            #expect(agreement["tools"] as? Int == units.count)
            #expect((document["calibration"] as? [Any])?.count == 4)
        }
    }

    @Test("a persona that ships nearly everything is flagged on its page; a tied panel reads as a split")
    func calibrationAndSplit() async throws {
        try await withSiteAndDatabase(cachesPages: false) { client, _, db, _ in
            let builder = try await client.execute(uri: "/personas/builder", method: .get).text
            let calls = try #require(try await ReliabilityQueries(db.sql).calibration().first { $0.personaSlug == "builder" })
            #expect(builder.contains("says ship to \(calls.ships) of \(calls.tools) tools"))
            #expect(builder.contains("Flagged") == calls.isFlagged)

            try await db.sql.raw("""
                UPDATE reviews SET verdict = 'ship', score = 90 WHERE persona_id = (SELECT id FROM personas WHERE slug = 'builder')
                """).run()
            let flagged = try await client.execute(uri: "/personas/builder", method: .get).text
            #expect(flagged.contains("<span class=\"badge vendor\">Flagged</span> Builder ships more than 90% of the"))

            let tied = try await client.execute(uri: "/tools/llamaindex", method: .get).text
            #expect(tied.contains("Split · 2 ship / 2 skip"))
            #expect(!tied.contains("Ship · 2 ship / 2 skip"))
        }
    }

    @Test("a re-asked review shows its spread on the tool page and in the API; the methodology page sums it up")
    func stabilityShown() async throws {
        try await withSiteAndDatabase(cachesPages: false) { client, _, db, _ in
            try await Self.publishMarkedRun(db)
            let tool = try #require(try await CatalogQueries(db.sql).tool(slug: "claude-4-sonnet"))
            let runs = PanelRunQueries(db.sql)
            let (again, _) = try await runs.queueRun(toolId: tool.id, backend: "local", model: "tiny-model", purpose: .stability)
            for persona in try await CatalogQueries(db.sql).personas() {
                try await runs.store(PanelPageTests.review(persona, score: 52, text: "Asked again, \(persona.name) now skips it."), runId: again.id)
            }
            try await runs.markComplete(runId: again.id)

            let html = try await client.execute(uri: "/tools/claude-4-sonnet", method: .get).text
            #expect(html.components(separatedBy: #"<span class="score">72/100</span> <span class="spread">± 10</span>"#).count - 1 == 4)
            #expect(html.contains("Asked again once: the score moved ± 10 and the call flipped 1 of 1 times."))
            #expect(!html.contains("now skips it"), "a stability run never becomes the verdict")

            let body = try await client.execute(uri: "/api/v1/tools/claude-4-sonnet", method: .get).text
            let document = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            for review in try #require(document["reviews"] as? [[String: Any]]) {
                let stability = try #require(review["stability"] as? [String: Any])
                #expect(stability["reasks"] as? Int == 1 && stability["flips"] as? Int == 1)
                #expect(stability["score_spread"] as? Double == 10 && stability["flip_share"] as? Double == 1)
            }
            let methodology = try await client.execute(uri: "/methodology", method: .get).text
            #expect(methodology.contains("Across 4 reviews of 1 tool, asked again 4 times in all, a score moved by ± 10.0 points"))
            #expect(methodology.contains(#"<th scope="row">tiny-model</th><td data-label="Reviews">4</td>"#), "stability reviews are not the site's reviews")
        }
    }

    @Test("a panel written by several models says which persona each wrote")
    func panelOfModels() async throws {
        try await withSiteAndDatabase(cachesPages: false) { client, _, db, _ in
            let (run, _, personas) = try await PanelPageTests.queue("aider", db)
            let runs = PanelRunQueries(db.sql)
            for (persona, model) in zip(personas, ["claude-sonnet-4-5", "gpt-4o-mini", "smollm2-135m-instruct", "gpt-4o-mini"]) {
                var review = PanelPageTests.review(persona, score: 66, text: "A \(persona.name) review written by one of several models.")
                review.model = model
                try await runs.store(review, runId: run.id)
            }
            try await runs.markComplete(runId: run.id)
            let html = try await client.execute(uri: "/tools/aider", method: .get).text
            #expect(html.contains("This panel is a panel of models: Builder by claude-sonnet-4-5, Skeptic by gpt-4o-mini, Futurist by smollm2-135m-instruct, Founder by gpt-4o-mini."))
        }
    }

    @Test("the comparison page and document show the panel's order-checked pick, with a persona that changed with the order")
    func pairwisePick() async throws {
        try await withSiteAndDatabase(cachesPages: false) { client, _, db, _ in
            let catalog = CatalogQueries(db.sql)
            let sonnet = try #require(try await catalog.tool(slug: "claude-4-sonnet")), gpt = try #require(try await catalog.tool(slug: "gpt-4o"))
            let queries = PairwiseQueries(db.sql)
            let run = try #require(try await queries.queue(gpt.id, sonnet.id, backend: "openai", model: "pair-model"))
            for persona in try await catalog.personas() {
                for first in [sonnet, gpt] {
                    // The Founder follows the order; the others pick Claude Sonnet 4 either way.
                    let pick = persona.slug == "founder" ? first.id : sonnet.id
                    try await queries.store(PairwiseAnswer(
                        personaId: persona.id, firstTool: first.id, pick: pick,
                        text: "\(persona.name) on the pair, with \(first.name) shown first: it costs $3 per million input tokens.",
                        model: "pair-model", claims: []), runId: run.id)
                }
            }
            try await queries.setStatus(runId: run.id, .complete)
            let html = try await client.execute(uri: "/compare/claude-4-sonnet-vs-gpt-4o", method: .get).text
            #expect(html.contains("The panel picks Claude Sonnet 4: 3 of 4 personas chose it with the tools in either order; 1 changed its answer with the order."))
            #expect(html.contains("No clear pick (changed with the order)"))
            #expect(html.contains("Written by pair-model · asked with each tool shown first"))

            let body = try await client.execute(uri: "/api/v1/compare/claude-4-sonnet/gpt-4o", method: .get).text
            let document = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            let pick = try #require(document["panel_pick"] as? [String: Any])
            #expect(pick["pick"] as? String == "claude-4-sonnet")
            let personas = try #require(pick["personas"] as? [[String: Any]])
            #expect(personas.map { $0["pick"] as? String } == ["claude-4-sonnet", "claude-4-sonnet", "claude-4-sonnet", nil])
        }
    }
}
