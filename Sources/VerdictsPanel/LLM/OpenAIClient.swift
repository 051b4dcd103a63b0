import Foundation
import VerdictsCore

/// OpenAI-style chat completions, streamed: OpenAI itself, vLLM, Ollama and llama.cpp servers.
public struct OpenAIClient: LLMClient {
    /// How the answer is held to the review schema; servers differ in what they support.
    public enum Mode: String, Sendable, CaseIterable {
        /// `response_format: {type: json_schema}`, strict (OpenAI, vLLM, Ollama).
        case jsonSchema = "json-schema"
        /// `response_format: {type: json_object, schema}` (llama.cpp's servers).
        case jsonObject = "json-object"
        /// A forced function call whose parameters are the schema.
        case tool
    }

    public let backend: String
    public let model: String
    /// Set by the operator or read from the model's name: such a server may serve anyone's model.
    public var vendor: String?
    let apiKey: String?
    let baseURL: String
    let mode: Mode
    var http = StreamingHTTP()

    /// `baseURL` ends in `/v1` (for example `http://127.0.0.1:8089/v1`).
    public init(backend: String = "openai", baseURL: String, apiKey: String?, model: String, mode: Mode, vendor: String? = nil) {
        self.backend = backend
        self.vendor = vendor ?? ModelVendor.guess(model: model)
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        (self.apiKey, self.model, self.mode) = (apiKey, model, mode)
    }

    public func write(_ prompt: ReviewPrompt, onText: @escaping @Sendable (String) async -> Void) async throws -> LLMAnswer {
        var stream = OpenAIStream(requestedModel: model)
        let headers = apiKey.map { [("authorization", "Bearer \($0)")] } ?? []
        try await http.postEvents(url: "\(baseURL)/chat/completions", headers: headers, body: body(prompt)) { event in
            if let text = try stream.handle(event) { await onText(text) }
        }
        return try stream.answer()
    }

    func body(_ prompt: ReviewPrompt) -> JSONValue {
        var fields: [String: JSONValue] = [
            "model": .string(model),
            "max_tokens": .number(Double(prompt.maxTokens)),
            "temperature": .number(0.7),
            "stream": true,
            "stream_options": ["include_usage": true],
            "messages": [
                ["role": "system", "content": .string(prompt.system)],
                ["role": "user", "content": .string(prompt.exampleUser)],
                ["role": "assistant", "content": .string(prompt.exampleAnswer)],
                ["role": "user", "content": .string(prompt.user)],
            ],
        ]
        switch mode {
        case .jsonSchema:
            fields["response_format"] = [
                "type": "json_schema",
                "json_schema": ["name": "review", "strict": true, "schema": prompt.schema],
            ]
        case .jsonObject:
            fields["response_format"] = ["type": "json_object", "schema": prompt.guidedSchema]
        case .tool:
            fields["tools"] = [[
                "type": "function",
                "function": ["name": "submit_review", "description": "Submit your review.", "parameters": prompt.schema],
            ]]
            fields["tool_choice"] = ["type": "function", "function": ["name": "submit_review"]]
        }
        return .object(fields)
    }
}

/// Reads chat-completion chunks: content or tool-call argument deltas, the finish reason, and the
/// usage chunk that `stream_options.include_usage` asks for; `[DONE]` ends the stream.
struct OpenAIStream {
    let requestedModel: String
    private(set) var model: String?
    private(set) var usage = TokenUsage()
    private(set) var output = ""
    private(set) var finishReason: String?
    private(set) var done = false
    private var lastText: String?
    /// Servers that send no usage (llama.cpp's Python server) stream one token per chunk; the
    /// count of content chunks stands in for the output tokens then.
    private var chunks = 0
    private var sawUsage = false

    init(requestedModel: String) { self.requestedModel = requestedModel }

    mutating func handle(_ event: ServerSentEvent) throws -> String? {
        let data = event.data.trimmingCharacters(in: .whitespaces)
        if data == "[DONE]" {
            done = true
            return nil
        }
        guard let json = JSONValue.parse(data) else {
            throw LLMError.badAnswer("the server sent a chunk that is not JSON: \(data.prefix(120))")
        }
        if let error = json["error"] {
            let message = error["message"]?.string ?? error.string ?? "unknown error"
            throw LLMError.unavailable("the server stopped mid-answer: \(message)", retryAfter: nil)
        }
        if let name = json["model"]?.string, !name.isEmpty { model = name }
        if let counts = json["usage"], case .object = counts {
            sawUsage = true
            usage.inputTokens = counts["prompt_tokens"]?.int ?? usage.inputTokens
            usage.outputTokens = counts["completion_tokens"]?.int ?? usage.outputTokens
            usage.cacheReadInputTokens = counts["prompt_tokens_details"]?["cached_tokens"]?.int ?? usage.cacheReadInputTokens
        }
        guard case .array(let choices)? = json["choices"], let choice = choices.first else { return nil }
        if let reason = choice["finish_reason"]?.string { finishReason = reason }
        var added = choice["delta"]?["content"]?.string ?? ""
        if case .array(let calls)? = choice["delta"]?["tool_calls"] {
            for call in calls { added += call["function"]?["arguments"]?.string ?? "" }
        }
        guard !added.isEmpty else { return nil }
        output += added
        chunks += 1
        let text = PartialJSONString.value(of: "text", in: output)
        guard let text, text != lastText else { return nil }
        lastText = text
        return text
    }

    func answer() throws -> LLMAnswer {
        guard done || finishReason != nil else {
            throw LLMError.unavailable("the stream ended before the answer was finished", retryAfter: nil)
        }
        if finishReason == "length" {
            throw LLMError.badAnswer("the answer was cut off at max_tokens before the review was complete")
        }
        guard !output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw LLMError.badAnswer("the server answered with nothing")
        }
        var counted = usage
        if !sawUsage { counted.outputTokens = chunks }
        return LLMAnswer(json: output, model: model ?? requestedModel, usage: counted, stopReason: finishReason)
    }
}
