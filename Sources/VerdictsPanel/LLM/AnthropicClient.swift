import Foundation
import VerdictsCore

/// Anthropic's Messages API, streamed. The review comes back as the input of a forced call to a
/// `submit_review` tool whose input schema is the review schema, so the model cannot answer in
/// prose; the input arrives as `input_json_delta` fragments, read as they come to show the text.
public struct AnthropicClient: LLMClient {
    public let backend = "anthropic"
    public let model: String
    public let vendor: String? = "Anthropic"
    let apiKey: String
    let baseURL: String
    var http = StreamingHTTP()

    public init(apiKey: String, model: String, baseURL: String = "https://api.anthropic.com") {
        self.apiKey = apiKey
        self.model = model
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }

    public func write(_ prompt: ReviewPrompt, onText: @escaping @Sendable (String) async -> Void) async throws -> LLMAnswer {
        var stream = AnthropicStream(requestedModel: model)
        try await http.postEvents(
            url: "\(baseURL)/v1/messages",
            headers: [("x-api-key", apiKey), ("anthropic-version", "2023-06-01")],
            body: AnthropicRequest(model: model, prompt: prompt).body
        ) { event in
            if let text = try stream.handle(event) { await onText(text) }
        }
        return try stream.answer()
    }
}

/// The request body. Its stable prefix — the tool definition, then the system prompt, which ends in
/// a `cache_control` breakpoint — is byte for byte the same for every tool a persona reviews, so
/// every request after the first reads it from Anthropic's prompt cache; the tool's facts follow
/// in the user message, after the breakpoint.
public struct AnthropicRequest: Sendable {
    public static let toolName = "submit_review"
    public let model: String
    public let prompt: ReviewPrompt

    public init(model: String, prompt: ReviewPrompt) { (self.model, self.prompt) = (model, prompt) }

    var tools: JSONValue {
        [[
            "name": .string(Self.toolName),
            "description": "Submit your review of the tool: a score, a ship or skip verdict, and the argued text.",
            "input_schema": prompt.schema,
        ]]
    }

    /// The persona's prompt, then the worked example, in one block that ends the cached prefix.
    var system: JSONValue {
        let text = """
            \(prompt.system)

            An example. For these facts:
            \(prompt.exampleUser)
            a good answer would be:
            \(prompt.exampleAnswer)
            """
        return [["type": "text", "text": .string(text), "cache_control": ["type": "ephemeral"]]]
    }

    public var body: JSONValue {
        [
            "model": .string(model),
            "max_tokens": .number(Double(prompt.maxTokens)),
            "stream": true,
            "tools": tools,
            "tool_choice": ["type": "tool", "name": .string(Self.toolName)],
            "system": system,
            "messages": [["role": "user", "content": .string(prompt.user)]],
        ]
    }

    /// The cached prefix as bytes, in the order the API reads it (tools, then system).
    public var cachedPrefix: String { tools.canonicalText + system.canonicalText }
}

/// Reads Anthropic's stream events: usage from `message_start` and `message_delta`, the tool input
/// from `input_json_delta`, `ping` ignored, and an `error` event (such as `overloaded_error`)
/// turned into an error the run can retry.
struct AnthropicStream {
    let requestedModel: String
    private(set) var model: String?
    private(set) var usage = TokenUsage()
    private(set) var input = ""
    private(set) var stopReason: String?
    private(set) var stopped = false
    private var lastText: String?

    init(requestedModel: String) { self.requestedModel = requestedModel }

    /// Returns the review text so far when this event added to it.
    mutating func handle(_ event: ServerSentEvent) throws -> String? {
        guard let json = JSONValue.parse(event.data) else {
            throw LLMError.badAnswer("Anthropic sent an event that is not JSON: \(event.data.prefix(120))")
        }
        switch json["type"]?.string ?? event.event {
        case "message_start":
            model = json["message"]?["model"]?.string
            if let counts = json["message"]?["usage"] { record(counts) }
        case "content_block_delta":
            guard json["delta"]?["type"]?.string == "input_json_delta",
                let fragment = json["delta"]?["partial_json"]?.string
            else { return nil }
            input += fragment
            let text = PartialJSONString.value(of: "text", in: input)
            guard let text, text != lastText else { return nil }
            lastText = text
            return text
        case "message_delta":
            if let reason = json["delta"]?["stop_reason"]?.string { stopReason = reason }
            if let counts = json["usage"] { record(counts) }
        case "message_stop":
            stopped = true
        case "error":
            let kind = json["error"]?["type"]?.string ?? "error"
            let message = json["error"]?["message"]?.string ?? "no message"
            let reason = "Anthropic stopped mid-answer with \(kind): \(message)"
            switch kind {
            case "overloaded_error", "api_error", "rate_limit_error", "timeout_error":
                throw LLMError.unavailable(reason, retryAfter: nil)
            default:
                throw LLMError.rejected(reason)
            }
        default:
            break  // ping, content_block_start, content_block_stop, and event types added later
        }
        return nil
    }

    /// Counts arrive in `message_start` and, cumulatively, in `message_delta`; keep the latest.
    private mutating func record(_ counts: JSONValue) {
        if let value = counts["input_tokens"]?.int { usage.inputTokens = value }
        if let value = counts["output_tokens"]?.int { usage.outputTokens = value }
        if let value = counts["cache_creation_input_tokens"]?.int { usage.cacheCreationInputTokens = value }
        if let value = counts["cache_read_input_tokens"]?.int { usage.cacheReadInputTokens = value }
    }

    func answer() throws -> LLMAnswer {
        guard stopped else {
            throw LLMError.unavailable("Anthropic's stream ended before message_stop", retryAfter: nil)
        }
        if stopReason == "max_tokens" {
            throw LLMError.badAnswer("the answer was cut off at max_tokens before the review was complete")
        }
        guard !input.isEmpty else {
            throw LLMError.badAnswer("Anthropic answered without calling \(AnthropicRequest.toolName)")
        }
        return LLMAnswer(json: input, model: model ?? requestedModel, usage: usage, stopReason: stopReason)
    }
}
