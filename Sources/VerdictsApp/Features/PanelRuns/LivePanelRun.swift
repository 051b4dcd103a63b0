import VerdictsCore

/// A tool's panel run as it happens: `status` when the run's state changes, `draft` as a persona's
/// text grows, `review` when a review is stored, then `done`.
struct LivePanelRun: LiveSource {
    let runs: PanelRunQueries
    let runId: Int
    private var lastStatus: String?
    private var drafts: [String: String] = [:]
    private var reviewed: Set<String> = []

    init(runs: PanelRunQueries, runId: Int) { (self.runs, self.runId) = (runs, runId) }

    mutating func poll() async throws -> (events: [String], ended: Bool) {
        guard let run = try await runs.run(id: runId) else {
            return ([LiveEvents.event("done", ["status": "gone", "error": "The run no longer exists."])], true)
        }
        var events: [String] = []
        let status = "\(run.status.rawValue)|\(run.error ?? "")"
        if status != lastStatus {
            lastStatus = status
            events.append(LiveEvents.event("status", ["run": run.id, "status": run.status.rawValue, "message": LiveStatus.describe(run)]))
        }
        for review in try await runs.reviews(runId: runId) where !reviewed.contains(review.personaSlug) {
            reviewed.insert(review.personaSlug)
            let view = ReviewView(review)
            events.append(LiveEvents.event("review", [
                "persona": view.personaSlug, "score": view.score, "verdict": view.verdictLabel, "text": view.text,
                "state": "\(view.verdictLabel) \(view.score)/100", "provenance": view.provenance,
            ]))
        }
        for draft in try await runs.drafts(runId: runId) where !reviewed.contains(draft.personaSlug) {
            guard drafts[draft.personaSlug] != draft.text else { continue }
            drafts[draft.personaSlug] = draft.text
            events.append(LiveEvents.event("draft", ["persona": draft.personaSlug, "text": draft.text, "attempt": draft.attempt]))
        }
        guard run.status != .queued && run.status != .running else { return (events, false) }
        events.append(LiveEvents.event("done", ["status": run.status.rawValue, "message": LiveStatus.describe(run)]))
        return (events, true)
    }
}

/// One sentence a reader understands for where a run stands.
enum LiveStatus {
    static func describe(_ run: PanelRunRow) -> String {
        sentence(name: "Run \(run.id)", backend: run.backend, model: run.model, status: run.status, error: run.error,
                 running: "is being written now.", complete: "is complete: these reviews are now the panel verdict.",
                 failedThen: "The previous panel verdict stands.")
    }

    /// The sentence both kinds of run share; `running`, `complete` and `failedThen` are what differs.
    static func sentence(
        name: String, backend: String, model: String?, status: RunStatus, error: String?,
        running: String, complete: String, failedThen: String
    ) -> String {
        let who = "\(name) (\(model.map { "\(backend), \($0)" } ?? backend))"
        switch status {
        case .queued:
            if let error { return "\(who) is waiting to retry: \(retryReason(error))" }
            return "\(who) is queued; a worker will pick it up shortly."
        case .running: return "\(who) \(running)"
        case .complete: return "\(who) \(complete)"
        case .failed: return "\(who) failed: \(error ?? "no reason recorded"). \(failedThen)"
        case .cancelled: return "\(who) was cancelled."
        }
    }

    /// The worker stores "waiting to retry: <reason>"; the sentence says the first part itself.
    static func retryReason(_ error: String) -> String {
        let prefix = "waiting to retry: "
        return error.hasPrefix(prefix) ? String(error.dropFirst(prefix.count)) : error
    }
}
