import VerdictsCore

/// A pairwise run as it happens, for the comparison page: the same events as a panel run, with one
/// slot per persona and order ("builder@cursor" is the Builder's answer with Cursor shown first).
struct LivePairwiseRun: LiveSource {
    let queries: PairwiseQueries
    let runId: Int
    /// The pair's tools by id, for slot keys and names.
    let tools: [Int: ToolRow]
    private var lastStatus: String?
    private var drafts: [String: String] = [:]
    private var answered: Set<String> = []

    init(queries: PairwiseQueries, runId: Int, tools: [ToolRow]) {
        (self.queries, self.runId) = (queries, runId)
        self.tools = Dictionary(uniqueKeysWithValues: tools.map { ($0.id, $0) })
    }

    static func slot(persona: String, firstToolSlug: String) -> String { "\(persona)@\(firstToolSlug)" }

    mutating func poll() async throws -> (events: [String], ended: Bool) {
        guard let run = try await queries.run(id: runId) else {
            return ([LiveEvents.event("done", ["status": "gone", "error": "The run no longer exists."])], true)
        }
        var events: [String] = []
        let status = "\(run.status.rawValue)|\(run.error ?? "")"
        if status != lastStatus {
            lastStatus = status
            events.append(LiveEvents.event("status", ["run": run.id, "status": run.status.rawValue, "message": Self.describe(run)]))
        }
        for answer in try await queries.answers(runId: runId) {
            let key = slot(answer.personaSlug, answer.firstTool)
            guard !answered.contains(key) else { continue }
            answered.insert(key)
            let first = tools[answer.firstTool]?.name ?? "the first tool"
            events.append(LiveEvents.event("review", [
                "persona": key, "text": answer.text, "state": "Picks \(tools[answer.pick]?.name ?? "a tool no longer listed")",
                "provenance": "Written by \(answer.model ?? "an unnamed model") · \(first) shown first",
            ]))
        }
        for draft in try await queries.drafts(runId: runId) {
            let key = slot(draft.personaSlug, draft.firstTool)
            guard !answered.contains(key), drafts[key] != draft.text else { continue }
            drafts[key] = draft.text
            events.append(LiveEvents.event("draft", ["persona": key, "text": draft.text, "attempt": draft.attempt]))
        }
        guard run.status != .queued && run.status != .running else { return (events, false) }
        events.append(LiveEvents.event("done", ["status": run.status.rawValue, "message": Self.describe(run)]))
        return (events, true)
    }

    private func slot(_ persona: String, _ firstTool: Int) -> String {
        Self.slot(persona: persona, firstToolSlug: tools[firstTool]?.slug ?? String(firstTool))
    }

    /// One sentence a reader understands for where the run stands.
    static func describe(_ run: PairwiseRunRow) -> String {
        LiveStatus.sentence(
            name: "Pairwise run \(run.id)", backend: run.backend, model: run.model, status: run.status, error: run.error,
            running: "is being written now: each persona answers with each tool shown first.",
            complete: "is complete: this is now the panel's pick.", failedThen: "Any earlier pick stands.")
    }
}
