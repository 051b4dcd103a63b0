import AsyncHTTPClient
import Foundation
import NIOCore
import NIOConcurrencyHelpers
import NIOHTTP1

/// POSTs JSON and hands back an event stream, turning HTTP failures into `LLMError`s a run can act on.
struct StreamingHTTP: Sendable {
    /// How long a backend may stay silent, before its answer starts or in the middle of it, before the
    /// try counts as unavailable (`VERDICTS_LLM_SILENCE_SECONDS`): a minute by default, since a CPU
    /// model can think that long over a long prompt before its first token.
    var silenceSeconds = 60
    var deadline: TimeAmount = .seconds(300)

    /// One client for the process (per silence limit, which AsyncHTTPClient sets per client).
    static var client: HTTPClient { client(silenceSeconds: 60) }
    private static let clients = NIOLockedValueBox<[Int: HTTPClient]>([:])

    static func client(silenceSeconds: Int) -> HTTPClient {
        clients.withLockedValue { clients in
            if let client = clients[silenceSeconds] { return client }
            var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(10), read: .seconds(Int64(silenceSeconds))))
            // A refused connection fails the try at once: by default the pool keeps dialling a
            // backend that is down until the connect timeout, 10 s a try, 35 s a persona.
            configuration.connectionPool.retryConnectionEstablishment = false
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients[silenceSeconds] = client
            return client
        }
    }

    /// Sends the request and calls `onEvent` for each server-sent event of a 200 answer.
    func postEvents(
        url: String, headers: [(String, String)], body: JSONValue,
        onEvent: (ServerSentEvent) async throws -> Void
    ) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "accept", value: "text/event-stream")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body.canonicalText))

        let response: HTTPClientResponse
        do {
            response = try await Self.client(silenceSeconds: silenceSeconds).execute(request, timeout: deadline)
        } catch {
            throw LLMError.unavailable("could not reach \(Self.host(url)): \(describe(error))", retryAfter: nil)
        }
        guard response.status == .ok else {
            let text = (try? await response.body.collect(upTo: 64 * 1024)).map { String(buffer: $0) } ?? ""
            throw Self.failure(status: response.status, headers: response.headers, body: text, url: url)
        }
        var parser = ServerSentEventParser()
        do {
            for try await chunk in response.body {
                for event in parser.feed(chunk.readableBytesView) { try await onEvent(event) }
            }
        } catch let error as LLMError {
            throw error
        } catch {
            throw LLMError.unavailable("the answer from \(Self.host(url)) broke off: \(describe(error))", retryAfter: nil)
        }
        parser.finish()
    }

    /// 408, 409, 429, 5xx and Anthropic's 529 "overloaded" are worth another try; the rest are not.
    static func failure(status: HTTPResponseStatus, headers: HTTPHeaders, body: String, url: String) -> LLMError {
        let message = errorMessage(in: body) ?? "HTTP \(status.code)"
        let reason = "\(host(url)) answered \(status.code): \(message)"
        switch status.code {
        case 408, 409, 429, 500...599:
            return .unavailable(reason, retryAfter: retryAfter(headers.first(name: "retry-after")))
        case 401, 403:
            return .rejected("\(reason) — check the API key")
        default:
            return .rejected(reason)
        }
    }

    /// Both APIs put a sentence at `error.message`.
    static func errorMessage(in body: String) -> String? {
        guard let json = JSONValue.parse(body) else {
            let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : String(trimmed.prefix(200))
        }
        return json["error"]?["message"]?.string ?? json["error"]?.string ?? json["message"]?.string
    }

    /// `Retry-After` is either seconds or an HTTP date.
    static func retryAfter(_ value: String?, now: Date = Date()) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSince(now)) }
    }

    static func host(_ url: String) -> String {
        URL(string: url)?.host.map { host in URL(string: url)?.port.map { "\(host):\($0)" } ?? host } ?? url
    }

    func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectTimeout") { return "the connection timed out" }
        if text.contains("readTimeout") { return "no data for \(silenceSeconds) s" }
        if text.contains("deadlineExceeded") { return "the answer took too long" }
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        if text.contains("remoteConnectionClosed") { return "the server closed the connection" }
        return text
    }
}
