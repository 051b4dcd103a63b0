import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
@testable import VerdictsApp
import VerdictsCore

@Suite("Panel runs on the site: live view, run history, run comparison")
struct PanelPageTests {
    /// Queues a model run for `slug` and returns it with the tool and personas.
    static func queue(_ slug: String, _ db: AppDatabase) async throws -> (PanelRunRow, ToolRow, [PersonaRow]) {
        let tool = try #require(try await CatalogQueries(db.sql).tool(slug: slug))
        let (run, _) = try await PanelRunQueries(db.sql).queueRun(toolId: tool.id, backend: "local", model: "tiny-model")
        return (run, tool, try await CatalogQueries(db.sql).personas())
    }

    static func review(_ persona: PersonaRow, score: Int, text: String) -> ModelReview {
        ModelReview(personaId: persona.id, score: score, verdict: score >= 60 ? .ship : .skip, text: text, model: "tiny-model",
                    promptVersion: persona.promptVersion, usage: TokenUsage(inputTokens: 900, outputTokens: 120))
    }

    @Test("the live stream is server-sent events: the run's status first, each stored review, then done")
    func liveStream() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let (run, _, personas) = try await Self.queue("ollama", db)
            let runs = PanelRunQueries(db.sql)
            try await runs.markRunning(runId: run.id)
            try await runs.store(Self.review(personas[1], score: 41, text: "Skeptic text stored before the view opened."), runId: run.id)
            // Finishes whenever it gets to it: what the stream sees before then depends on the
            // machine's load, so the steps in between are checked on the source (below).
            let finisher = Task {
                try await Task.sleep(for: .milliseconds(700))
                for persona in personas where persona.id != personas[1].id {
                    try await runs.store(Self.review(persona, score: 70, text: "Review by \(persona.name)."), runId: run.id)
                }
                try await runs.markComplete(runId: run.id)
            }
            try await client.execute(uri: "/tools/ollama/panel/live", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/event-stream; charset=utf-8")
                #expect(response.headers[.cacheControl] == "no-cache")
                let events = ServerSentEvents.parse(response.text)
                #expect(events.first?.0 == "status")
                #expect(events.last?.0 == "done")
                #expect(events.filter { $0.0 == "review" }.count == 4)
                #expect(events.contains { $0.0 == "review" && $0.1.contains("Written by tiny-model") })
                #expect(events.last?.1.contains("\"status\":\"complete\"") == true)
            }
            try await finisher.value
        }
    }

    @Test("a live run's source sends each change once: drafts as they grow, stored reviews, then done")
    func liveSourceSteps() async throws {
        try await withSiteAndDatabase { _, _, db, _ in
            let (run, _, personas) = try await Self.queue("ollama", db)
            let runs = PanelRunQueries(db.sql)
            try await runs.markRunning(runId: run.id)
            try await runs.saveDraft(runId: run.id, personaId: personas[0].id, text: "The core primitive is", attempt: 1)
            try await runs.store(Self.review(personas[1], score: 41, text: "Skeptic text stored before the view opened."), runId: run.id)
            var source = LivePanelRun(runs: runs, runId: run.id)
            let first = try await source.poll()
            let opened = ServerSentEvents.parse(first.events.joined())
            #expect(opened.map(\.0) == ["status", "review", "draft"] && !first.ended)
            #expect(opened[2].1.contains("The core primitive is\""))
            #expect(try await source.poll().events.isEmpty, "nothing changed, nothing sent")
            try await runs.saveDraft(runId: run.id, personaId: personas[0].id, text: "The core primitive is a <model> tag & more", attempt: 2)
            let grown = ServerSentEvents.parse(try await source.poll().events.joined())
            #expect(grown.count == 1 && grown[0].0 == "draft" && grown[0].1.contains("\"attempt\":2") && grown[0].1.contains("<model> tag & more"),
                    "drafts go out as JSON data; the page sets them as text, never as HTML")
            for persona in personas where persona.id != personas[1].id {
                try await runs.store(Self.review(persona, score: 70, text: "Review by \(persona.name)."), runId: run.id)
            }
            try await runs.markComplete(runId: run.id)
            let last = try await source.poll()
            let finished = ServerSentEvents.parse(last.events.joined())
            #expect(finished.map(\.0) == ["status", "review", "review", "review", "done"] && last.ended)
            #expect(finished.contains { $0.0 == "review" && $0.1.contains("\"persona\":\"builder\"") && $0.1.contains(#""state":"Ship 70\/100""#) })
        }
    }

    @Test("the tool page shows a run in progress, reloads itself without scripts, and shows the model's verdict after")
    func toolPageDuringAndAfterRun() async throws {
        // The reviews are written straight to the database, as a worker process would, and read back
        // at once: without the page cache, which shows such writes within a second (PageCacheTests).
        try await withSiteAndDatabase(cachesPages: false) { client, _, db, _ in
            try await client.execute(uri: "/tools/ollama", method: .get) { response in
                #expect(!response.text.contains("data-live-panel"))
                #expect(!response.text.contains(#"http-equiv="refresh""#))
            }
            let (run, _, personas) = try await Self.queue("ollama", db)
            try await PanelRunQueries(db.sql).store(Self.review(personas[0], score: 77, text: "Builder says ship."), runId: run.id)
            try await client.execute(uri: "/tools/ollama", method: .get) { response in
                let html = response.text
                #expect(html.contains(#"data-live-panel="/tools/ollama/panel/live""#))
                #expect(html.contains(#"<noscript><meta http-equiv="refresh" content="5"></noscript>"#))
                #expect(html.contains("is queued; a worker will pick it up shortly."))
                #expect(html.contains("Ship 77/100"))
                #expect(html.contains("Editorial review in the persona"), "the old verdict stands until the run completes")
            }
            for persona in personas.dropFirst() {
                try await PanelRunQueries(db.sql).store(Self.review(persona, score: 52, text: "\(persona.name) says skip."), runId: run.id)
            }
            try await PanelRunQueries(db.sql).markComplete(runId: run.id)
            try await client.execute(uri: "/tools/ollama", method: .get) { response in
                let html = response.text
                #expect(!html.contains("data-live-panel"))
                #expect(html.contains("Written by tiny-model · prompt v1"))
                #expect(!html.contains("Editorial review in the persona"))
                #expect(html.contains("Panel verdict: Skip"))
            }
        }
    }

    @Test("the run history lists runs with their cost; one run shows its reviews; two runs are compared word by word")
    func historyRunAndDiff() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let (run, tool, personas) = try await Self.queue("ollama", db)
            let editorial = try #require(try await PanelQueries(db.sql).editorialRun(toolId: tool.id))
            for persona in personas {
                try await PanelRunQueries(db.sql).store(Self.review(persona, score: 64, text: "A fresh review that keeps few words."), runId: run.id)
            }
            try await PanelRunQueries(db.sql).markComplete(runId: run.id)
            try await client.execute(uri: "/tools/ollama/runs", method: .get) { response in
                let html = response.text
                #expect(response.status == .ok)
                #expect(html.contains(#"<a href="/tools/ollama/runs/\#(run.id)">\#(run.id)</a>"#))
                #expect(html.contains("local · tiny-model"))
                #expect(html.contains("3600 in · 480 out · 0 cache write · 0 cache read"))
                #expect(html.contains(#"value="\#(editorial.id)""#) && html.contains(#"value="\#(run.id)""#))
            }
            try await client.execute(uri: "/tools/ollama/runs/\(run.id)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Written by tiny-model · prompt v1"))
                #expect(response.text.components(separatedBy: "A fresh review that keeps few words.").count == 5)
            }
            try await client.execute(uri: "/tools/ollama/runs/compare?from=\(editorial.id)&to=\(run.id)", method: .get) { response in
                let html = response.text
                #expect(response.status == .ok)
                #expect(html.contains("run \(editorial.id) → run \(run.id)"))
                #expect(html.contains("<ins>"))
                #expect(html.contains("<del>"))
                #expect(html.contains("→ Ship 64/100"))
            }
            let other = try #require(try await CatalogQueries(db.sql).tool(slug: "gpt-4o"))
            let otherRun = try #require(try await PanelQueries(db.sql).editorialRun(toolId: other.id))
            try await client.execute(uri: "/tools/ollama/runs/\(otherRun.id)", method: .get) { response in
                #expect(response.status == .notFound, "a run of another tool is not this tool's")
            }
            try await client.execute(uri: "/tools/ollama/runs/compare?from=abc", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("?from=&lt;run&gt;&amp;to=&lt;run&gt;"))
            }
            try await client.execute(uri: "/tools/no-such-tool/runs", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("word diff keeps common words and marks only what changed")
    func wordDiff() {
        let segments = WordDiff.segments(from: "the quick brown fox jumps", to: "the slow brown fox leaps high").map { segment in
            (segment.change == .same ? "=" : segment.change == .added ? "+" : "-") + segment.text
        }
        #expect(segments == ["=the", "-quick", "+slow", "=brown fox", "-jumps", "+leaps high"])
    }
}
