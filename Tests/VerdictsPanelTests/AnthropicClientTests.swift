import Foundation
import Testing
import VerdictsCore
import VerdictsPanel

/// The Messages API's streaming wire format, as Anthropic sends it for a forced tool call.
enum AnthropicWire {
    static let servedModel = "claude-sonnet-4-5-20250929"

    static func event(_ type: String, _ data: String) -> String { "event: \(type)\ndata: \(data)\n\n" }

    static let start = event("message_start", """
        {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","model":"\(servedModel)",\
        "content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":412,\
        "cache_creation_input_tokens":1830,"cache_read_input_tokens":2048,"output_tokens":1}}}
        """)
    static let blockStart = event("content_block_start", """
        {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_01","name":"submit_review","input":{}}}
        """)
    static let ping = event("ping", #"{"type": "ping"}"#)
    static func delta(_ fragment: String) -> String {
        event("content_block_delta", """
            {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":\(JSONValue.string(fragment).canonicalText)}}
            """)
    }
    static let blockStop = event("content_block_stop", #"{"type":"content_block_stop","index":0}"#)
    static func messageDelta(stopReason: String = "tool_use", outputTokens: Int = 187) -> String {
        event("message_delta", """
            {"type":"message_delta","delta":{"stop_reason":"\(stopReason)","stop_sequence":null},"usage":{"output_tokens":\(outputTokens)}}
            """)
    }
    static let stop = event("message_stop", #"{"type":"message_stop"}"#)
    static let overloaded = event("error", #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)

    /// A whole answer: the review JSON streamed in fragments of `size` characters.
    static func answer(json: String = TestPrompt.answer, size: Int = 17, stopReason: String = "tool_use") -> [String] {
        [start, blockStart, ping] + TestPrompt.fragments(of: json, size: size).map(delta)
            + [blockStop, messageDelta(stopReason: stopReason), stop]
    }
}

@Suite("Anthropic client against a local fake Messages API")
struct AnthropicClientTests {
    static func client(_ baseURL: String) -> AnthropicClient {
        AnthropicClient(apiKey: "sk-test-key", model: "claude-sonnet-4-5", baseURL: baseURL)
    }

    /// Serves `response` once and asks the client for a review.
    func write(_ response: ScriptedResponse) async throws -> (Result<LLMAnswer, LLMError>, TextLog, [ReceivedRequest]) {
        try await FakeLLMServer.serve(path: "/v1/messages", responses: [response]) { baseURL, log in
            let texts = TextLog()
            let result: Result<LLMAnswer, LLMError>
            do {
                result = .success(try await Self.client(baseURL).write(TestPrompt.prompt) { texts.append($0) })
            } catch let error as LLMError {
                result = .failure(error)
            }
            return (result, texts, log.all)
        }
    }

    func expectComplete(_ result: Result<LLMAnswer, LLMError>, _ texts: TextLog) throws {
        let answer = try result.get()
        #expect(answer.json == TestPrompt.answer)
        #expect(answer.model == AnthropicWire.servedModel)
        #expect(answer.usage == TokenUsage(inputTokens: 412, outputTokens: 187, cacheCreationInputTokens: 1830, cacheReadInputTokens: 2048))
        #expect(answer.stopReason == "tool_use")
        #expect(texts.all.count > 5)
        #expect(texts.isGrowing)
        #expect(texts.all.last == TestPrompt.text)
    }

    @Test("a streamed forced tool call gives the full JSON, the served model, all four token counts and growing text")
    func streamedAnswer() async throws {
        let (result, texts, requests) = try await write(.events(AnthropicWire.answer()))
        try expectComplete(result, texts)

        let request = try #require(requests.first)
        #expect(requests.count == 1)
        #expect(request.path == "/v1/messages")
        #expect(request.headers["x-api-key"] == "sk-test-key")
        #expect(request.headers["anthropic-version"] == "2023-06-01")
        #expect(request.headers["content-type"] == "application/json")
        let body = try #require(request.json)
        #expect(body["tool_choice"] == ["type": "tool", "name": "submit_review"])
        #expect(body["stream"] == true)
        #expect(body["model"] == "claude-sonnet-4-5")
    }

    @Test("bytes cut inside a UTF-8 character, inside a JSON string, and between data: and its value still work")
    func awkwardByteBoundaries() async throws {
        let body = AnthropicWire.answer(size: 40).joined()
        let bytes = Array(body.utf8)
        // Inside "é" (0xC3 0xA9) and inside "—" (0xE2 0x80 0x94).
        let eAcute = try #require(bytes.firstIndex(of: 0xC3))
        let dash = try #require(bytes.firstIndex(of: 0xE2))
        // Inside a JSON string: the middle of the served model's name, and of "partial_json".
        let model = try #require(body.utf8Offset(of: AnthropicWire.servedModel))
        let partial = try #require(body.utf8Offset(of: "partial_json"))
        // Between "data:" and its value, for several events.
        let dataColons = body.utf8Offsets(of: "data:").map { $0 + 5 }
        let cuts = [eAcute + 1, dash + 1, dash + 2, model + 9, partial + 4] + dataColons
        #expect(cuts.count > 10)
        let (result, texts, _) = try await write(.bytes(body, cutAt: cuts))
        try expectComplete(result, texts)

        var random = SplitMix64(seed: 42)
        let randomCuts = (0..<60).map { _ in Int.random(in: 1..<bytes.count, using: &random) }
        let (again, moreTexts, _) = try await write(.bytes(body, cutAt: randomCuts))
        try expectComplete(again, moreTexts)
    }

    @Test("an overloaded_error event mid-stream makes the backend unavailable")
    func overloadedMidStream() async throws {
        let events = Array(AnthropicWire.answer().prefix(6)) + [AnthropicWire.overloaded]
        let (result, texts, _) = try await write(.events(events))
        guard case .failure(.unavailable(let reason, let after)) = result else {
            Issue.record("expected unavailable, got \(result)")
            return
        }
        #expect(reason.contains("overloaded_error"))
        #expect(after == nil)
        #expect(!texts.all.isEmpty)
    }

    @Test("HTTP 429 with retry-after: 7 is unavailable for 7 seconds")
    func rateLimited() async throws {
        let body = #"{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your rate limit."}}"#
        let (result, _, _) = try await write(.error(status: 429, headers: ["retry-after": "7"], body: body))
        guard case .failure(.unavailable(let reason, let after)) = result else {
            Issue.record("expected unavailable, got \(result)")
            return
        }
        #expect(after == 7)
        #expect(reason.contains("429"))
        #expect(reason.contains("exceeded your rate limit"))
    }

    @Test("HTTP 529 overloaded is unavailable")
    func overloadedStatus() async throws {
        let body = #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#
        let (result, _, _) = try await write(.error(status: 529, body: body))
        guard case .failure(.unavailable(let reason, nil)) = result else {
            Issue.record("expected unavailable, got \(result)")
            return
        }
        #expect(reason.contains("529"))
        #expect(reason.contains("Overloaded"))
    }

    @Test("HTTP 401 is rejected and names the API key")
    func unauthorized() async throws {
        let body = #"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"#
        let (result, _, _) = try await write(.error(status: 401, body: body))
        guard case .failure(.rejected(let reason)) = result else {
            Issue.record("expected rejected, got \(result)")
            return
        }
        #expect(reason.contains("invalid x-api-key"))
        #expect(reason.contains("API key"))
    }

    @Test("an answer cut off at max_tokens is a bad answer")
    func maxTokens() async throws {
        let cut = String(TestPrompt.answer.prefix(60))
        let (result, _, _) = try await write(.events(AnthropicWire.answer(json: cut, stopReason: "max_tokens")))
        guard case .failure(.badAnswer(let reason)) = result else {
            Issue.record("expected badAnswer, got \(result)")
            return
        }
        #expect(reason.contains("max_tokens"))
    }

    @Test("an event whose data is not JSON is a bad answer")
    func garbage() async throws {
        let events = [AnthropicWire.start, AnthropicWire.event("content_block_delta", "<html>502 Bad Gateway</html>")]
        let (result, _, _) = try await write(.events(events))
        guard case .failure(.badAnswer(let reason)) = result else {
            Issue.record("expected badAnswer, got \(result)")
            return
        }
        #expect(reason.contains("not JSON"))
    }

    @Test("a stream that ends before message_stop is unavailable")
    func endsEarly() async throws {
        let events = Array(AnthropicWire.answer().dropLast())
        let (result, texts, _) = try await write(.events(events))
        guard case .failure(.unavailable(let reason, _)) = result else {
            Issue.record("expected unavailable, got \(result)")
            return
        }
        #expect(reason.contains("message_stop"))
        #expect(texts.all.last == TestPrompt.text)
    }

    @Test("a port with nothing listening is unavailable at once, not after the 10-second connect timeout")
    func nothingListening() async throws {
        let port = try await FakeLLMServer.closedPort()
        let started = ContinuousClock.now
        do {
            _ = try await Self.client("http://127.0.0.1:\(port)").write(TestPrompt.prompt) { _ in }
            Issue.record("expected an error")
        } catch LLMError.unavailable(let reason, let after) {
            #expect(reason.contains("127.0.0.1:\(port)"))
            #expect(reason.contains("connection refused"), "\(reason)")
            #expect(after == nil)
        }
        #expect(ContinuousClock.now - started < .seconds(2))
    }
}

extension String {
    func utf8Offset(of needle: String) -> Int? { utf8Offsets(of: needle).first }

    func utf8Offsets(of needle: String) -> [Int] {
        let bytes = Array(utf8), target = Array(needle.utf8)
        guard target.count <= bytes.count else { return [] }
        return (0...(bytes.count - target.count)).filter { bytes[$0..<$0 + target.count].elementsEqual(target) }
    }
}
