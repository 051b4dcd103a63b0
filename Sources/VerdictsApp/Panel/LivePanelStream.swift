import Foundation
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers
import VerdictsCore

/// The server-sent events of a panel run as it happens, read from the database so the run may be
/// worked by any process on any machine: `status` when the run's state changes, `draft` as a
/// persona's text grows, `review` when a review is stored, then `done`.
struct LivePanelStream {
    let site: Site
    let toolId: Int
    let runId: Int
    /// A live view ends after this long even if the run has not; the page then refreshes.
    var maxDuration: TimeInterval = 15 * 60

    /// Open streams across the process: each polls the database, so their number is capped.
    static let open = NIOLockedValueBox(0)
    static let maxOpen = 200

    func response() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        // Tell a buffering reverse proxy (nginx) to pass events through as they are written.
        headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            defer { Self.open.withLockedValue { $0 -= 1 } }
            try await stream { text in try await writer.write(ByteBuffer(string: text)) }
            try await writer.finish(nil)
        })
    }

    /// A stream of one event (nothing to watch), so the page's script stops listening.
    static func single(_ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Reserves a place for a new stream; false when too many are open.
    static func admit() -> Bool {
        open.withLockedValue { count in
            guard count < maxOpen else { return false }
            count += 1
            return true
        }
    }

    func stream(_ send: (String) async throws -> Void) async throws {
        let runs = PanelRunQueries(site.database.sql)
        let started = Date()
        var lastStatus: String?
        var drafts: [String: String] = [:]
        var reviewed: Set<String> = []
        var lastWrite = Date()
        try await send("retry: 3000\n\n")
        while Date().timeIntervalSince(started) < maxDuration {
            guard let run = try await runs.run(id: runId) else {
                try await send(Self.event("done", ["status": "gone", "error": "The run no longer exists."]))
                return
            }
            let status = "\(run.status.rawValue)|\(run.error ?? "")"
            if status != lastStatus {
                lastStatus = status
                try await send(Self.event("status", ["run": run.id, "status": run.status.rawValue, "message": LiveStatus.describe(run)]))
                lastWrite = Date()
            }
            for review in try await runs.reviews(runId: runId) where !reviewed.contains(review.personaSlug) {
                reviewed.insert(review.personaSlug)
                let view = ReviewView(review)
                try await send(Self.event("review", [
                    "persona": view.personaSlug, "score": view.score, "verdict": view.verdictLabel, "text": view.text,
                    "provenance": view.provenance,
                ]))
                lastWrite = Date()
            }
            for draft in try await runs.drafts(runId: runId) where !reviewed.contains(draft.personaSlug) {
                guard drafts[draft.personaSlug] != draft.text else { continue }
                drafts[draft.personaSlug] = draft.text
                try await send(Self.event("draft", ["persona": draft.personaSlug, "text": draft.text, "attempt": draft.attempt]))
                lastWrite = Date()
            }
            if run.status != .queued && run.status != .running {
                try await send(Self.event("done", ["status": run.status.rawValue, "message": LiveStatus.describe(run)]))
                return
            }
            if Date().timeIntervalSince(lastWrite) > 15 {
                try await send(": still working\n\n")  // keeps proxies from closing an idle stream
                lastWrite = Date()
            }
            try await Task.sleep(for: site.livePollInterval)
        }
        try await send(Self.event("done", ["status": "timeout", "message": "This live view has ended; reload the page for the latest."]))
    }

    static func event(_ name: String, _ fields: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8)
        return "event: \(name)\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
    }
}

/// One sentence a reader understands for where a run stands.
enum LiveStatus {
    static func describe(_ run: PanelRunRow) -> String {
        let who = run.model.map { "\(run.backend), \($0)" } ?? run.backend
        switch run.status {
        case .queued:
            if let error = run.error { return "Run \(run.id) (\(who)) is waiting to retry: \(error)" }
            return "Run \(run.id) (\(who)) is queued; a worker will pick it up shortly."
        case .running: return "Run \(run.id) (\(who)) is being written now."
        case .complete: return "Run \(run.id) (\(who)) is complete: these reviews are now the panel verdict."
        case .failed: return "Run \(run.id) (\(who)) failed: \(run.error ?? "no reason recorded"). The previous panel verdict stands."
        case .cancelled: return "Run \(run.id) (\(who)) was cancelled."
        }
    }
}
