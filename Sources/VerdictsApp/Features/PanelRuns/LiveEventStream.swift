import Foundation
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers
import ServiceLifecycle

/// Something a live view follows: asked again every poll interval for what changed since, until it
/// says it has ended. Sources read the database, so a run may be worked by any process on any machine.
protocol LiveSource: Sendable {
    /// The server-sent events since the last poll, and whether the run has ended (the last of
    /// them is then `done`).
    mutating func poll() async throws -> (events: [String], ended: Bool)
}

/// Server-sent events from a `LiveSource`, with keep-alives for proxies and a time limit.
struct LiveEventStream<Source: LiveSource> {
    var source: Source
    let pollInterval: Duration
    /// A live view ends after this long even if the run has not; the page then refreshes.
    var maxDuration: TimeInterval = 15 * 60

    func response() -> Response {
        var headers = LiveEvents.headers
        // Tell a buffering reverse proxy (nginx) to pass events through as they are written.
        headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            defer { LiveEvents.open.withLockedValue { $0 -= 1 } }
            try await stream { text in try await writer.write(ByteBuffer(string: text)) }
            try await writer.finish(nil)
        })
    }

    func stream(_ send: (String) async throws -> Void) async throws {
        var source = self.source
        let started = Date()
        var lastWrite = Date()
        try await send("retry: 3000\n\n")
        while Date().timeIntervalSince(started) < maxDuration {
            // A stream is a request in flight: the server's shutdown waits for it, so it ends at
            // once and the page's script reconnects to whichever instance answers next.
            if Task.isShuttingDownGracefully {
                try await send(LiveEvents.event("done", ["status": "restarting", "message": "The site is restarting; reload the page in a moment."]))
                return
            }
            let (events, ended) = try await source.poll()
            for event in events { try await send(event) }
            if ended { return }
            if !events.isEmpty { lastWrite = Date() }
            if Date().timeIntervalSince(lastWrite) > 15 {
                try await send(": still working\n\n")  // keeps proxies from closing an idle stream
                lastWrite = Date()
            }
            try await Task.sleep(for: pollInterval)
        }
        try await send(LiveEvents.event("done", ["status": "timeout", "message": "This live view has ended; reload the page for the latest."]))
    }
}

/// What every live stream shares: the event format and the cap on open streams.
enum LiveEvents {
    /// Open streams across the process: each polls the database, so their number is capped.
    static let open = NIOLockedValueBox(0)
    static let maxOpen = 200

    static var headers: HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        return headers
    }

    /// A stream of one event (nothing to watch), so the page's script stops listening.
    static func single(_ text: String) -> Response {
        Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Reserves a place for a new stream; false when too many are open.
    static func admit() -> Bool {
        open.withLockedValue { count in
            guard count < maxOpen else { return false }
            count += 1
            return true
        }
    }

    static func event(_ name: String, _ fields: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8)
        return "event: \(name)\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
    }
}
