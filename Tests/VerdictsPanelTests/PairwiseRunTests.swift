import Foundation
import NIOConcurrencyHelpers
import Testing
import TestSupport
import VerdictsCore
import VerdictsPanel

/// A model for pairwise prompts: `choose` gets the names shown as A and B and returns "A" or "B".
struct PairClient: LLMClient {
    let backend = "openai"
    let model = "pair-model"
    let choose: @Sendable (_ a: String, _ b: String) -> String
    var claim = "It costs $3 per million input tokens."

    func write(_ prompt: ReviewPrompt, onText: @escaping @Sendable (String) async -> Void) async throws -> LLMAnswer {
        func name(_ tag: String) -> String {
            prompt.user.components(separatedBy: "<\(tag)>\nname: ").last?.components(separatedBy: "\n").first ?? "?"
        }
        let (a, b) = (name("tool_a"), name("tool_b"))
        let text = "Between \(a) and \(b), the choice comes down to what a team ships this quarter and how it pays for it. "
            + "\(claim) The one I pick has the clearer first ten minutes, an honest account of its limits, and a buyer who "
            + "keeps paying; the other is a good product for a narrower team."
        let json = JSONValue.object(["pick": .string(choose(a, b)), "text": .string(text)]).canonicalText
        return LLMAnswer(json: json, model: model, usage: TokenUsage(), stopReason: "stop")
    }
}

@Suite("Pairwise runs: the panel's pick, asked in both orders")
struct PairwiseRunTests {
    static func run(_ db: AppDatabase, client: PairClient) async throws -> PairwiseVerdict? {
        let sonnet = try await DemoCatalog.tool(db, slug: "claude-4-sonnet"), gpt = try await DemoCatalog.tool(db, slug: "gpt-4o")
        let queries = PairwiseQueries(db.sql)
        let run = try #require(try await queries.queue(sonnet.id, gpt.id, backend: "openai", model: "pair-model"))
        var worker = PanelWorker(database: db, backend: PanelBackend(client: client), feed: nil, name: "A", logger: db.logger)
        worker.policy = .fast()
        #expect(try await worker.workOne() == .complete)
        #expect(try await queries.run(id: run.id)?.status == .complete)
        return try await queries.verdict(gpt.id, sonnet.id)
    }

    @Test("a persona that picks the same tool in both orders counts; the panel's pick is the tool most chose")
    func consistent() async throws {
        try await DemoCatalog.withDatabase { db in
            let verdict = try #require(try await Self.run(db, client: PairClient { a, _ in a == "Claude Sonnet 4" ? "A" : "B" }))
            let sonnet = try await DemoCatalog.tool(db, slug: "claude-4-sonnet")
            #expect(verdict.picks.count == 4)
            #expect(verdict.picks.allSatisfy { $0.pick == sonnet.id })
            #expect(verdict.winner == sonnet.id)
            #expect(verdict.picks.allSatisfy { $0.models == ["pair-model"] && $0.claims.allSatisfy(\.supported) })
        }
    }

    @Test("a persona that always picks whichever is shown first has no clear pick")
    func positionBias() async throws {
        try await DemoCatalog.withDatabase { db in
            let verdict = try #require(try await Self.run(db, client: PairClient { _, _ in "A" }))
            #expect(verdict.picks.count == 4 && verdict.picks.allSatisfy { $0.pick == nil })
            #expect(verdict.winner == nil && verdict.unclear == 4)
        }
    }

    @Test("a pick's invented figure is asked again, then marked")
    func claims() async throws {
        try await DemoCatalog.withDatabase { db in
            var client = PairClient { a, _ in a == "GPT-4o" ? "A" : "B" }
            client.claim = "It costs $3.5 per million input tokens."
            let verdict = try #require(try await Self.run(db, client: client))
            #expect(verdict.picks.allSatisfy { $0.claims.filter { !$0.supported }.map(\.text) == ["$3.5 per million input tokens"] })
        }
    }

    @Test("the text being written reaches the database for live views, by persona and order, and goes when the run ends")
    func drafts() async throws {
        try await DemoCatalog.withDatabase { db in
            let seen = DraftLog()
            let sonnet = try await DemoCatalog.tool(db, slug: "claude-4-sonnet"), gpt = try await DemoCatalog.tool(db, slug: "gpt-4o")
            let queries = PairwiseQueries(db.sql)
            let run = try #require(try await queries.queue(sonnet.id, gpt.id, backend: "openai", model: "pair-model"))
            let client = DraftingClient(inner: PairClient { a, _ in a == "GPT-4o" ? "A" : "B" }) { first in
                // Read back as another process's live view would, while the answer is still being written.
                seen.add(try await queries.drafts(runId: run.id).map { "\($0.personaSlug)@\($0.firstTool):\($0.text)" }, shown: first)
            }
            var worker = PanelWorker(database: db, backend: PanelBackend(client: client), feed: nil, name: "A", logger: db.logger)
            worker.policy = .fast()
            #expect(try await worker.workOne() == .complete)
            let log = seen.entries
            #expect(log.count == 8, "four personas, two orders")
            #expect(log.contains { $0.shown == "GPT-4o" && $0.drafts.contains("builder@\(gpt.id):Between GPT-4o and") })
            #expect(log.contains { $0.shown == "Claude Sonnet 4" && $0.drafts.contains("founder@\(sonnet.id):Between Claude Sonnet 4 and") })
            #expect(try await queries.drafts(runId: run.id).isEmpty)
        }
    }

    @Test("readers' page views queue a pair once, within the daily budget, never with none")
    func budget() async throws {
        try await DemoCatalog.withDatabase { db in
            let ids = try await CatalogQueries(db.sql).tools().prefix(4).map(\.id)
            let queries = PairwiseQueries(db.sql)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            #expect(try await queries.request(ids[0], ids[1], backend: "b", model: nil, dailyBudget: 0, now: now) == nil)
            #expect(try await queries.request(ids[0], ids[1], backend: "b", model: nil, dailyBudget: 2, now: now) != nil)
            #expect(try await queries.request(ids[1], ids[0], backend: "b", model: nil, dailyBudget: 2, now: now) == nil, "the same pair in the other order")
            #expect(try await queries.request(ids[2], ids[3], backend: "b", model: nil, dailyBudget: 2, now: now) != nil)
            #expect(try await queries.request(ids[0], ids[2], backend: "b", model: nil, dailyBudget: 2, now: now) == nil, "today's budget is spent")
            #expect(try await queries.request(ids[0], ids[2], backend: "b", model: nil, dailyBudget: 2, now: now.addingTimeInterval(86_400)) != nil)
            #expect(try await DemoCatalog.count(db, "jobs", where: "kind = 'pairwise-run'") == 3)
        }
    }
}

/// Sends the first words of each answer as written text before answering, then lets the test look.
struct DraftingClient: LLMClient {
    let inner: PairClient
    let look: @Sendable (_ shownFirst: String) async throws -> Void
    var backend: String { inner.backend }
    var model: String { inner.model }

    func write(_ prompt: ReviewPrompt, onText: @escaping @Sendable (String) async -> Void) async throws -> LLMAnswer {
        let shown = prompt.user.components(separatedBy: "<tool_a>\nname: ").last?.components(separatedBy: "\n").first ?? "?"
        await onText("Between \(shown) and")
        try await look(shown)
        return try await inner.write(prompt, onText: onText)
    }
}

final class DraftLog: Sendable {
    struct Entry: Sendable { let shown: String; let drafts: [String] }
    private let box = NIOLockedValueBox<[Entry]>([])
    var entries: [Entry] { box.withLockedValue { $0 } }
    func add(_ drafts: [String], shown: String) { box.withLockedValue { $0.append(Entry(shown: shown, drafts: drafts)) } }
}
