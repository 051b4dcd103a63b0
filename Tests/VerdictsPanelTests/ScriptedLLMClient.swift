import Foundation
import VerdictsCore
import VerdictsPanel

/// An `LLMClient` that answers from a script: `respond` gets the call's number (from 0) and the
/// persona asked, and returns the answer's JSON or throws an `LLMError`. Every call is recorded.
struct ScriptedLLMClient: LLMClient {
    let backend = "openai"
    let model = "fake-model"
    static let servedModel = "fake-model-served"
    static let usage = TokenUsage(inputTokens: 100, outputTokens: 40, cacheCreationInputTokens: 7, cacheReadInputTokens: 3)
    static let personaNames = ["Builder", "Skeptic", "Futurist", "Founder"]

    let calls = CallLog()
    let respond: @Sendable (_ call: Int, _ persona: String) async throws -> String

    init(_ respond: @escaping @Sendable (_ call: Int, _ persona: String) async throws -> String) {
        self.respond = respond
    }

    /// Valid reviews for everyone.
    static func valid() -> ScriptedLLMClient { ScriptedLLMClient { _, persona in Reviews.json(persona) } }

    func write(_ prompt: ReviewPrompt, onText: @escaping @Sendable (String) async -> Void) async throws -> LLMAnswer {
        let persona = Self.personaNames.first { prompt.user.contains("as the \($0).") } ?? "unknown"
        let call = calls.append(persona)
        let json = try await respond(call, persona)
        if let text = PartialJSONString.value(of: "text", in: String(json.prefix(json.count / 2))) { await onText(text) }
        return LLMAnswer(json: json, model: Self.servedModel, usage: Self.usage, stopReason: "stop")
    }
}

final class CallLog: @unchecked Sendable {
    private let lock = NSLock()
    private var personas: [String] = []

    func append(_ persona: String) -> Int {
        lock.withLock {
            personas.append(persona)
            return personas.count - 1
        }
    }

    var all: [String] { lock.withLock { personas } }
    var count: Int { all.count }
}

extension RetryPolicy {
    /// Tiny waits so tests are fast.
    static func fast(invalidAnswers: Int = 8, unavailable: Int = 3) -> RetryPolicy {
        var policy = RetryPolicy()
        policy.baseDelay = 0.01
        policy.maxDelay = 0.05
        policy.invalidAnswers = invalidAnswers
        policy.unavailable = unavailable
        return policy
    }
}

extension PanelWorker {
    static func make(
        _ db: AppDatabase, client: ScriptedLLMClient, name: String, feed: PanelLiveFeed? = nil, policy: RetryPolicy = .fast()
    ) -> PanelWorker {
        var worker = PanelWorker(database: db, backend: PanelBackend(client: client), feed: feed, name: name, logger: db.logger)
        worker.policy = policy
        worker.idlePoll = .milliseconds(50)
        return worker
    }
}

/// Review texts that pass validation, for fake clients to answer with.
/// Answers that pass every check for any tool: they name no catalog tool and state no number.
enum Reviews {
    static let good = """
        It edits a real git repository from the terminal and commits each change with a readable \
        message, which makes its work easy to review and to revert. The first ten minutes are short: \
        install it, point it at a repository, and ask for a change. It is more than a wrapper because \
        the repository map gives the model the right files. It stumbles on very large monorepos, and \
        teams that want an editor plugin should look elsewhere.
        """

    static func text(for persona: String) -> String {
        "As the \(persona), I looked at what this tool does on an ordinary working day. " + good
    }

    static func json(_ persona: String, score: Int = 74, verdict: String = "ship") -> String {
        JSONValue.object(["score": .number(Double(score)), "verdict": .string(verdict), "text": .string(text(for: persona))]).canonicalText
    }
}
