import Foundation
import Testing
import VerdictsCore
import VerdictsPanel

/// Chat-completion chunks as OpenAI, vLLM and llama.cpp's servers stream them.
enum OpenAIWire {
    static let servedModel = "gpt-4o-mini-2024-07-18"

    static func chunk(_ delta: JSONValue, finish: String? = nil) -> String {
        let choice: JSONValue = ["index": 0, "delta": delta, "finish_reason": finish.map(JSONValue.string) ?? .null]
        let body: JSONValue = [
            "id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1_700_000_000,
            "model": .string(servedModel), "choices": [choice], "usage": .null,
        ]
        return "data: \(body.canonicalText)\n\n"
    }

    static let usage = """
        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","model":"\(servedModel)","choices":[],\
        "usage":{"prompt_tokens":512,"completion_tokens":143,"total_tokens":655,"prompt_tokens_details":{"cached_tokens":384}}}


        """
    static let done = "data: [DONE]\n\n"

    /// Content deltas (json-object and json-schema modes).
    static func content(_ fragments: [String], finish: String = "stop", usage: Bool = true) -> [String] {
        [chunk(["role": "assistant", "content": ""])] + fragments.map { chunk(["content": .string($0)]) }
            + [chunk([:], finish: finish)] + (usage ? [Self.usage] : []) + [done]
    }

    /// Tool-call argument deltas (tool mode).
    static func toolCall(_ fragments: [String]) -> [String] {
        let first: JSONValue = ["role": "assistant", "content": .null, "tool_calls": [[
            "index": 0, "id": "call_1", "type": "function", "function": ["name": "submit_review", "arguments": ""],
        ]]]
        return [chunk(first)]
            + fragments.map { chunk(["tool_calls": [["index": 0, "function": ["arguments": .string($0)]]]]) }
            + [chunk([:], finish: "tool_calls"), usage, done]
    }
}

@Suite("OpenAI-compatible client against a local fake chat completions API")
struct OpenAIClientTests {
    func write(mode: OpenAIClient.Mode, _ events: [String]) async throws -> (Result<LLMAnswer, LLMError>, TextLog, ReceivedRequest?) {
        try await FakeLLMServer.serve(path: "/v1/chat/completions", responses: [.events(events)]) { baseURL, log in
            let client = OpenAIClient(baseURL: "\(baseURL)/v1", apiKey: "sk-openai-test", model: "gpt-4o-mini", mode: mode)
            let texts = TextLog()
            let result: Result<LLMAnswer, LLMError>
            do {
                result = .success(try await client.write(TestPrompt.prompt) { texts.append($0) })
            } catch let error as LLMError {
                result = .failure(error)
            }
            return (result, texts, log.all.first)
        }
    }

    @Test("content deltas in json-object mode assemble, with the usage chunk recorded")
    func contentDeltas() async throws {
        let fragments = TestPrompt.fragments(size: 9)
        let (result, texts, request) = try await write(mode: .jsonObject, OpenAIWire.content(fragments))
        let answer = try result.get()
        #expect(answer.json == TestPrompt.answer)
        #expect(answer.model == OpenAIWire.servedModel)
        #expect(answer.usage == TokenUsage(inputTokens: 512, outputTokens: 143, cacheReadInputTokens: 384))
        #expect(answer.stopReason == "stop")
        #expect(texts.all.count > 5)
        #expect(texts.isGrowing)
        #expect(texts.all.last == TestPrompt.text)

        let body = try #require(request?.json)
        #expect(request?.path == "/v1/chat/completions")
        #expect(request?.headers["authorization"] == "Bearer sk-openai-test")
        #expect(body["response_format"] == ["type": "json_object", "schema": ReviewPromptBuilder.guidedSchema])
        #expect(body["tools"] == nil)
        #expect(body["stream"] == true)
        #expect(body["stream_options"] == ["include_usage": true])
    }

    @Test("tool-call argument deltas in tool mode assemble")
    func toolCallDeltas() async throws {
        let (result, texts, request) = try await write(mode: .tool, OpenAIWire.toolCall(TestPrompt.fragments(size: 13)))
        let answer = try result.get()
        #expect(answer.json == TestPrompt.answer)
        #expect(answer.stopReason == "tool_calls")
        #expect(answer.usage.outputTokens == 143)
        #expect(texts.all.last == TestPrompt.text)

        let body = try #require(request?.json)
        #expect(body["response_format"] == nil)
        #expect(body["tool_choice"] == ["type": "function", "function": ["name": "submit_review"]])
        guard case .array(let tools)? = body["tools"] else {
            Issue.record("no tools in \(body.canonicalText.prefix(200))")
            return
        }
        #expect(tools.first?["function"]?["name"] == "submit_review")
        #expect(tools.first?["function"]?["parameters"] == ReviewPromptBuilder.schema)
    }

    @Test("json-schema mode asks for a strict schema and sends the few-shot example turns")
    func jsonSchemaRequest() async throws {
        let (result, _, request) = try await write(mode: .jsonSchema, OpenAIWire.content(TestPrompt.fragments(size: 50)))
        #expect(try result.get().json == TestPrompt.answer)
        let body = try #require(request?.json)
        #expect(body["response_format"] == [
            "type": "json_schema", "json_schema": ["name": "review", "strict": true, "schema": ReviewPromptBuilder.schema],
        ])
        let prompt = TestPrompt.prompt
        #expect(body["messages"] == [
            ["role": "system", "content": .string(prompt.system)],
            ["role": "user", "content": .string(prompt.exampleUser)],
            ["role": "assistant", "content": .string(prompt.exampleAnswer)],
            ["role": "user", "content": .string(prompt.user)],
        ])
        #expect(body["model"] == "gpt-4o-mini")
        #expect(body["max_tokens"]?.int == 700)
    }

    @Test("without a usage chunk, the output tokens are the number of content chunks")
    func noUsageChunk() async throws {
        let fragments = TestPrompt.fragments(size: 4)
        let (result, _, _) = try await write(mode: .jsonObject, OpenAIWire.content(fragments, usage: false))
        let answer = try result.get()
        #expect(answer.json == TestPrompt.answer)
        #expect(answer.usage.outputTokens == fragments.count)
        #expect(answer.usage.inputTokens == 0)
        #expect(answer.model == OpenAIWire.servedModel)
    }

    @Test("finish_reason length is a bad answer")
    func cutOff() async throws {
        let fragments = Array(TestPrompt.fragments(size: 10).prefix(8))
        let (result, _, _) = try await write(mode: .jsonObject, OpenAIWire.content(fragments, finish: "length"))
        guard case .failure(.badAnswer(let reason)) = result else {
            Issue.record("expected badAnswer, got \(result)")
            return
        }
        #expect(reason.contains("max_tokens"))
    }

    @Test("a stream that stops without [DONE] or a finish reason is unavailable")
    func endsEarly() async throws {
        let events = Array(OpenAIWire.content(TestPrompt.fragments(size: 10)).dropLast(3))
        let (result, _, _) = try await write(mode: .jsonObject, events)
        guard case .failure(.unavailable) = result else {
            Issue.record("expected unavailable, got \(result)")
            return
        }
    }

    @Test("an error chunk mid-stream is unavailable; a non-JSON chunk is a bad answer")
    func errorChunks() async throws {
        let error = #"data: {"error":{"message":"model overloaded","type":"server_error"}}"# + "\n\n"
        let (overloaded, _, _) = try await write(mode: .jsonObject, [OpenAIWire.chunk(["content": "{"]), error])
        guard case .failure(.unavailable(let reason, _)) = overloaded else {
            Issue.record("expected unavailable, got \(overloaded)")
            return
        }
        #expect(reason.contains("model overloaded"))
        let (garbage, _, _) = try await write(mode: .jsonObject, ["data: {not json\n\n"])
        guard case .failure(.badAnswer) = garbage else {
            Issue.record("expected badAnswer, got \(garbage)")
            return
        }
    }
}
