import VerdictsCore

/// What a persona is asked: a system prompt that is the same for every tool (so a backend can cache
/// it), one worked example, the tool's facts, and the JSON schema the answer must fill.
public struct ReviewPrompt: Sendable {
    public var system: String
    /// A made-up tool's facts and a model answer for it. Small models follow a worked example far
    /// better than instructions (measured: most SmolLM2-135M answers were unusable without one).
    public var exampleUser: String
    public var exampleAnswer: String
    public var user: String
    /// The plain schema, for APIs that take it as a description of the answer.
    public var schema: JSONValue
    /// The same shape with ranges, lengths and ship-with-a-high-score tied together, for servers
    /// that compile the schema into a sampling grammar (llama.cpp), so a small model cannot go
    /// outside it.
    public var guidedSchema: JSONValue
    public var maxTokens: Int

    public init(
        system: String, exampleUser: String, exampleAnswer: String, user: String, schema: JSONValue,
        guidedSchema: JSONValue, maxTokens: Int
    ) {
        (self.system, self.exampleUser, self.exampleAnswer, self.user) = (system, exampleUser, exampleAnswer, user)
        (self.schema, self.guidedSchema, self.maxTokens) = (schema, guidedSchema, maxTokens)
    }
}

/// A backend's answer before validation: the JSON it produced, who produced it, and what it cost.
public struct LLMAnswer: Sendable, Equatable {
    public var json: String
    public var model: String
    public var usage: TokenUsage
    public var stopReason: String?

    public init(json: String, model: String, usage: TokenUsage, stopReason: String?) {
        (self.json, self.model, self.usage, self.stopReason) = (json, model, usage, stopReason)
    }
}

public enum LLMError: Error, Equatable, CustomStringConvertible {
    /// Down, overloaded or rate limited: the same request may work later (after `retryAfter`
    /// seconds when the backend said so).
    case unavailable(String, retryAfter: Double?)
    /// The request itself was refused (a bad key, an unknown model): asking again will not help.
    case rejected(String)
    /// It answered, but not with something usable (cut off, not JSON): ask again.
    case badAnswer(String)

    public var description: String {
        switch self {
        case .unavailable(let reason, let after):
            after.map { "\(reason) (retry after \(Int($0.rounded(.up))) s)" } ?? reason
        case .rejected(let reason), .badAnswer(let reason): reason
        }
    }
}

/// One language-model backend. `write` streams: `onText` receives the review's text so far each
/// time more of it arrives, and the call returns the whole answer.
public protocol LLMClient: Sendable {
    /// "anthropic", "openai" or "local": stored on every run.
    var backend: String { get }
    /// The model asked for; the answer names the model that actually replied.
    var model: String { get }
    /// The model's maker, for the conflict-of-interest rule (`ModelVendor`); nil when unknown.
    var vendor: String? { get }
    func write(_ prompt: ReviewPrompt, onText: @escaping @Sendable (String) async -> Void) async throws -> LLMAnswer
}

extension LLMClient {
    public var vendor: String? { ModelVendor.guess(model: model) }
}
