import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import VerdictsPanel

/// What the fake server answers to one request: a status, headers, and a body written as separate
/// chunks with a pause after each, so that the client really receives them one at a time.
struct ScriptedResponse: Sendable {
    var status = 200
    var headers: [String: String] = ["content-type": "text/event-stream"]
    var chunks: [[UInt8]]
    var pause: Duration = .milliseconds(4)

    /// A stream cut into one chunk per event.
    static func events(_ events: [String]) -> ScriptedResponse {
        ScriptedResponse(chunks: events.map { Array($0.utf8) })
    }

    /// The whole body as bytes, cut at the given byte offsets.
    static func bytes(_ body: String, cutAt cuts: [Int]) -> ScriptedResponse {
        let bytes = Array(body.utf8)
        var chunks: [[UInt8]] = []
        var start = 0
        for cut in (cuts.filter { $0 > 0 && $0 < bytes.count } + [bytes.count]).sorted() where cut > start {
            chunks.append(Array(bytes[start..<cut]))
            start = cut
        }
        return ScriptedResponse(chunks: chunks)
    }

    static func error(status: Int, headers: [String: String] = [:], body: String) -> ScriptedResponse {
        ScriptedResponse(status: status, headers: ["content-type": "application/json"].merging(headers) { $1 }, chunks: [Array(body.utf8)])
    }
}

/// One request as the fake server received it.
struct ReceivedRequest: Sendable {
    var path: String
    /// Header names lowercased.
    var headers: [String: String]
    var body: String
    var json: JSONValue? { JSONValue.parse(body) }
}

final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [ReceivedRequest] = []

    /// Adds the request and returns its index.
    func append(_ request: ReceivedRequest) -> Int {
        lock.withLock {
            requests.append(request)
            return requests.count - 1
        }
    }

    var all: [ReceivedRequest] { lock.withLock { requests } }
}

/// A real HTTP server on 127.0.0.1 (an ephemeral port) that answers POSTs to `path` with scripted
/// responses, for as long as `body` runs.
enum FakeLLMServer {
    static func serve<T: Sendable>(
        path: String, responses: [ScriptedResponse],
        _ body: @Sendable (_ baseURL: String, _ log: RequestLog) async throws -> T
    ) async throws -> T {
        let log = RequestLog()
        let router = Router()
        router.post(RouterPath(path)) { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 8 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let index = log.append(ReceivedRequest(
                path: request.uri.path, headers: headers, body: String(decoding: buffer.readableBytesView, as: UTF8.self)))
            let script = responses[min(index, responses.count - 1)]
            var fields = HTTPFields()
            for (name, value) in script.headers { fields[HTTPField.Name(name)!] = value }
            return Response(status: .init(code: script.status), headers: fields, body: ResponseBody { writer in
                for chunk in script.chunks {
                    try await writer.write(ByteBuffer(bytes: chunk))
                    try await Task.sleep(for: script.pause)
                }
                try await writer.finish(nil)
            })
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            guard let port = client.port else { throw ServerNotStarted() }
            return try await body("http://127.0.0.1:\(port)", log)
        }
    }

    /// A port on which nothing listens any more: one a server was just given, then stopped.
    static func closedPort() async throws -> Int {
        let app = Application(router: Router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            guard let port = client.port else { throw ServerNotStarted() }
            return port
        }
    }

    struct ServerNotStarted: Error {}
}

/// Collects what `onText` receives.
final class TextLog: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String] = []

    func append(_ text: String) { lock.withLock { texts.append(text) } }
    var all: [String] { lock.withLock { texts } }

    /// Each text extends the one before it.
    var isGrowing: Bool {
        let texts = all
        return zip(texts, texts.dropFirst()).allSatisfy { $1.unicodeScalars.starts(with: $0.unicodeScalars) && $1 != $0 }
    }
}

/// A prompt for client tests that need no database.
enum TestPrompt {
    static let prompt = ReviewPrompt(
        system: "You are the Builder on a review panel.",
        exampleUser: "Review Quillmark as the Builder.\n<tool_facts>\nname: Quillmark\n</tool_facts>",
        exampleAnswer: #"{"score":66,"text":"An example.","verdict":"ship"}"#,
        user: "Review Aider as the Builder.\n<tool_facts>\nname: Aider\n</tool_facts>",
        schema: ReviewPromptBuilder.schema, guidedSchema: ReviewPromptBuilder.guidedSchema, maxTokens: 700)

    /// A valid review with characters of two and three bytes, quotes and a line break in its text.
    static let text = "The Builder says: \"café\" grade \u{2014} polished.\n" + Reviews.good
    static let answer = JSONValue.object(["score": 78, "verdict": "ship", "text": .string(text)]).canonicalText

    /// `text` cut into pieces of `size` characters, the way a model streams JSON.
    static func fragments(of json: String = answer, size: Int) -> [String] {
        var pieces: [String] = []
        var rest = Substring(json)
        while !rest.isEmpty {
            pieces.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return pieces
    }
}
