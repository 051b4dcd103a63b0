import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
@testable import VerdictsApp
import VerdictsCore

@Suite("The comparison page's live view of a pairwise run")
struct PairwiseLiveTests {
    /// Queues a pairwise run for Claude Sonnet 4 and GPT-4o, as a reader's visit would.
    static func queue(_ db: AppDatabase) async throws -> (PairwiseRunRow, ToolRow, ToolRow, [PersonaRow]) {
        let catalog = CatalogQueries(db.sql)
        let sonnet = try #require(try await catalog.tool(slug: "claude-4-sonnet")), gpt = try #require(try await catalog.tool(slug: "gpt-4o"))
        let run = try #require(try await PairwiseQueries(db.sql).queue(gpt.id, sonnet.id, backend: "local", model: "tiny-model"))
        return (run, sonnet, gpt, try await catalog.personas())
    }

    static func answer(_ persona: PersonaRow, first: ToolRow, pick: ToolRow) -> PairwiseAnswer {
        PairwiseAnswer(personaId: persona.id, firstTool: first.id, pick: pick.id,
                       text: "\(persona.name), shown \(first.name) first, would ship with \(pick.name).", model: "tiny-model", claims: [])
    }

    @Test("the stream is server-sent events: the run's status, each stored answer once, then done")
    func stream() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let (run, sonnet, gpt, personas) = try await Self.queue(db)
            let queries = PairwiseQueries(db.sql)
            try await queries.setStatus(runId: run.id, .running)
            try await queries.store(Self.answer(personas[1], first: sonnet, pick: sonnet), runId: run.id)
            let finisher = Task {
                try await Task.sleep(for: .milliseconds(700))
                for persona in personas {
                    for first in [sonnet, gpt] { try await queries.store(Self.answer(persona, first: first, pick: sonnet), runId: run.id) }
                }
                try await queries.setStatus(runId: run.id, .complete)
            }
            try await client.execute(uri: "/compare/claude-4-sonnet-vs-gpt-4o/panel/live", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/event-stream; charset=utf-8")
                let events = ServerSentEvents.parse(response.text)
                #expect(events.first?.0 == "status")
                #expect(events.last?.0 == "done")
                #expect(events.last?.1.contains("\"status\":\"complete\"") == true)
                let answers = events.filter { $0.0 == "review" }
                #expect(answers.count == personas.count * 2, "one per persona and order, each sent once")
                #expect(answers.allSatisfy { $0.1.contains("\"state\":\"Picks Claude Sonnet 4\"") })
                #expect(answers.contains { $0.1.contains("\"persona\":\"skeptic@claude-4-sonnet\"") && $0.1.contains("Claude Sonnet 4 shown first") })
            }
            try await finisher.value
            #expect(try await queries.drafts(runId: run.id).isEmpty, "a finished run leaves no drafts behind")
        }
    }

    @Test("the source sends drafts by persona and order as they grow, never after the answer, then done")
    func sourceSteps() async throws {
        try await withSiteAndDatabase { _, _, db, _ in
            let (run, sonnet, gpt, personas) = try await Self.queue(db)
            let queries = PairwiseQueries(db.sql)
            try await queries.setStatus(runId: run.id, .running)
            try await queries.saveDraft(runId: run.id, personaId: personas[0].id, firstTool: gpt.id, text: "Between the two", attempt: 1)
            var source = LivePairwiseRun(queries: queries, runId: run.id, tools: [sonnet, gpt])
            let opened = ServerSentEvents.parse(try await source.poll().events.joined())
            #expect(opened.map(\.0) == ["status", "draft"])
            #expect(opened.first?.1.contains("Pairwise run \(run.id) (local, tiny-model) is being written now") == true)
            #expect(opened.last?.1.contains("\"persona\":\"builder@gpt-4o\"") == true && opened.last?.1.contains("Between the two\"") == true)
            try await queries.saveDraft(runId: run.id, personaId: personas[0].id, firstTool: gpt.id, text: "Between the two, <one> & more", attempt: 2)
            let grown = ServerSentEvents.parse(try await source.poll().events.joined())
            #expect(grown.count == 1 && grown[0].1.contains("\"attempt\":2") && grown[0].1.contains("<one> & more"))
            try await queries.store(Self.answer(personas[0], first: gpt, pick: sonnet), runId: run.id)
            try await queries.saveDraft(runId: run.id, personaId: personas[0].id, firstTool: gpt.id, text: "a late draft", attempt: 3)
            let answered = ServerSentEvents.parse(try await source.poll().events.joined())
            #expect(answered.map(\.0) == ["review"], "a draft after its answer is not sent")
            try await queries.setStatus(runId: run.id, .complete)
            let last = try await source.poll()
            #expect(ServerSentEvents.parse(last.events.joined()).map(\.0) == ["status", "done"] && last.ended)
        }
    }

    @Test("the comparison page follows a run in progress, reloads itself without scripts, and shows the pick after")
    func pageDuringAndAfterRun() async throws {
        try await withSiteAndDatabase(cachesPages: false) { client, _, db, _ in
            let page = "/compare/claude-4-sonnet-vs-gpt-4o"
            let (run, sonnet, gpt, personas) = try await Self.queue(db)
            let queries = PairwiseQueries(db.sql)
            try await queries.store(Self.answer(personas[0], first: gpt, pick: sonnet), runId: run.id)
            try await queries.saveDraft(runId: run.id, personaId: personas[1].id, firstTool: sonnet.id, text: "Skeptic, halfway through", attempt: 1)
            try await client.execute(uri: page, method: .get) { response in
                let html = response.text
                #expect(html.contains(#"data-live-panel="/compare/claude-4-sonnet-vs-gpt-4o/panel/live""#))
                #expect(html.contains(#"<noscript><meta http-equiv="refresh" content="5"></noscript>"#))
                #expect(html.contains("Pairwise run \(run.id) (local, tiny-model) is queued; a worker will pick it up shortly."))
                #expect(html.contains(#"<li data-persona="builder@gpt-4o"><strong>Builder, with GPT-4o shown first</strong> — <span data-live-state>Picks Claude Sonnet 4</span>"#))
                #expect(html.contains(#"<li data-persona="skeptic@claude-4-sonnet"><strong>Skeptic, with Claude Sonnet 4 shown first</strong> — <span data-live-state>Writing…</span><p data-live-text>Skeptic, halfway through</p>"#))
                #expect(html.components(separatedBy: "<li data-persona=").count - 1 == personas.count * 2)
            }
            for persona in personas {
                for first in [sonnet, gpt] { try await queries.store(Self.answer(persona, first: first, pick: sonnet), runId: run.id) }
            }
            try await queries.setStatus(runId: run.id, .complete)
            try await client.execute(uri: page, method: .get) { response in
                let html = response.text
                #expect(!html.contains("data-live-panel"))
                #expect(!html.contains(#"http-equiv="refresh""#))
                #expect(html.contains("The panel picks Claude Sonnet 4: 4 of 4 personas chose it with the tools in either order."))
            }
        }
    }

    @Test("a run waiting to retry says why once, in the words the worker stored")
    func retrySentence() async throws {
        try await withSiteAndDatabase { _, _, db, _ in
            let (queued, _, _, _) = try await Self.queue(db)
            let queries = PairwiseQueries(db.sql)
            try await queries.setStatus(runId: queued.id, .queued, error: "waiting to retry: the model server refused the connection")
            let waiting = try #require(try await queries.run(id: queued.id))
            #expect(LivePairwiseRun.describe(waiting)
                == "Pairwise run \(queued.id) (local, tiny-model) is waiting to retry: the model server refused the connection")
            try await queries.setStatus(runId: queued.id, .failed, error: "Skeptic: no valid answer")
            let failed = try #require(try await queries.run(id: queued.id))
            #expect(LivePairwiseRun.describe(failed) == "Pairwise run \(queued.id) (local, tiny-model) failed: Skeptic: no valid answer. Any earlier pick stands.")
        }
    }

    @Test("a live view of a pair that does not exist is a 404; of a pair never asked, one event that ends it")
    func badPairs() async throws {
        try await withSiteAndDatabase { client, _, _, _ in
            for uri in ["/compare/nope-vs-gpt-4o/panel/live", "/compare/gpt-4o/panel/live", "/compare/gpt-4o-vs-gpt-4o/panel/live"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                }
            }
            try await client.execute(uri: "/compare/claude-4-sonnet-vs-gpt-4o/panel/live", method: .get) { response in
                let events = ServerSentEvents.parse(response.text)
                #expect(events.map(\.0) == ["done"])
                #expect(events.first?.1.contains("\"status\":\"none\"") == true)
            }
        }
    }
}
