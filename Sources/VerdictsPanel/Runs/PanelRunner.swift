import Foundation
import Logging
import NIOConcurrencyHelpers
import VerdictsCore

/// How a run ended this time.
public enum RunOutcome: Sendable, Equatable {
    case complete
    /// It cannot succeed as asked (a refused request, answers that kept failing validation).
    case failed(String)
    /// The backend was unavailable; the job should come back later.
    case retryLater(String, after: Double?)
}

/// Retry limits for one persona's review within a run.
public struct RetryPolicy: Sendable {
    /// Answers that fail validation (or are cut off) are asked for again up to this many times in all.
    public var invalidAnswers = 8
    /// Valid answers with claims the facts do not support are asked for again up to this many times
    /// in all; then the one with the fewest is published, each untraced claim marked.
    public var untracedAnswers = 3
    /// An unavailable backend is retried this many times in the run before the job is put back.
    public var unavailable = 3
    /// Waits between tries: base × 2^(try − 1), capped; a backend's Retry-After wins when longer.
    public var baseDelay: Double = 1
    public var maxDelay: Double = 20

    public init() {}

    public func delay(afterTry number: Int, retryAfter: Double?) -> Double {
        let backoff = min(maxDelay, baseDelay * pow(2, Double(max(0, number - 1))))
        return max(backoff, retryAfter ?? 0)
    }
}

/// Runs one queued panel run: asks each active persona that has no review in the run yet, validates
/// every answer, stores the valid ones as they arrive and publishes progress. Running the same run
/// again (after a crash) asks only the personas still missing, so it is safe to repeat.
public struct PanelRunner: Sendable {
    let database: AppDatabase
    let clients: PanelClients
    let feed: PanelLiveFeed?
    var policy: RetryPolicy
    var validator = ReviewValidator()
    let logger: Logger

    public init(database: AppDatabase, clients: PanelClients, feed: PanelLiveFeed?, policy: RetryPolicy = RetryPolicy(), logger: Logger) {
        (self.database, self.clients, self.feed, self.policy, self.logger) = (database, clients, feed, policy, logger)
    }

    public init(database: AppDatabase, client: any LLMClient, feed: PanelLiveFeed?, policy: RetryPolicy = RetryPolicy(), logger: Logger) {
        self.init(database: database, clients: PanelClients(single: client), feed: feed, policy: policy, logger: logger)
    }

    /// `stillMine` is asked between personas; when it says no (the lease was lost) the run stops.
    public func run(runId: Int, stillMine: @Sendable () async throws -> Bool = { true }) async throws -> RunOutcome {
        let runs = PanelRunQueries(database.sql)
        guard let run = try await runs.run(id: runId) else { return .failed("run \(runId) no longer exists") }
        guard run.status == .queued || run.status == .running else { return .complete }
        let catalog = CatalogQueries(database.sql)
        guard let tool = try await catalog.tool(id: run.toolId) else { return .failed("the tool was deleted") }
        let category = try await catalog.category(id: tool.categoryId)?.name ?? ""
        let personas = try await catalog.personas().filter(\.active)
        guard !personas.isEmpty else { return .failed("there are no active personas") }
        let done = Set(try await PanelQueries(database.sql).reviews(runId: runId).map(\.personaId))

        try await runs.markRunning(runId: runId)
        feed?.publish(toolId: tool.id, .started(runId: runId))
        for persona in personas where !done.contains(persona.id) {
            guard try await stillMine() else { throw CancellationError() }
            let prompt = ReviewPromptBuilder.prompt(persona: persona, tool: tool, category: category)
            let (client, sameVendor) = clients.client(for: persona.slug, tool: tool)
            let writer = Writer(client: client, sameVendor: sameVendor)
            switch try await review(prompt: prompt, persona: persona, tool: tool, category: category, writer: writer, runId: runId) {
            case .success(let review):
                if try await runs.store(review, runId: runId) {
                    if let stored = try await runs.reviews(runId: runId).first(where: { $0.personaSlug == persona.slug }) {
                        feed?.publish(toolId: tool.id, .reviewed(runId: runId, review: stored))
                    }
                }
            case .failure(let stop):
                return stop.outcome
            }
        }
        try await runs.markComplete(runId: runId)
        feed?.publish(toolId: tool.id, .finished(runId: runId, status: .complete, error: nil))
        return .complete
    }

    /// One persona's review, asked for again until it is valid and its claims traced, or the limits
    /// are reached.
    private func review(prompt: ReviewPrompt, persona: PersonaRow, tool: ToolRow, category: String, writer: Writer, runId: Int) async throws
        -> Result<ModelReview, RunOutcomeError>
    {
        var invalid = 0
        var unavailable = 0
        var untraced = 0
        /// The valid answer with the fewest untraced claims so far, published if none is clean.
        var best: (review: ModelReview, untraced: Int)?
        let toolId = tool.id
        let runs = PanelRunQueries(database.sql)
        while true {
            let attempt = invalid + unavailable + untraced + 1
            let throttle = TextThrottle()
            let feed = self.feed
            do {
                let answer = try await writer.client.write(prompt) { text in
                    guard throttle.shouldSend() else { return }
                    feed?.publish(toolId: toolId, .writing(runId: runId, persona: persona.slug, text: text))
                    try? await runs.saveDraft(runId: runId, personaId: persona.id, text: text, attempt: attempt)
                }
                let checked = try await check(validator.validate(json: answer.json), tool: tool, category: category, persona: persona)
                switch checked {
                case .success(let (valid, claims)):
                    let review = ModelReview(
                        personaId: persona.id, score: valid.score, verdict: valid.verdict, text: valid.text,
                        model: answer.model, promptVersion: persona.promptVersion, usage: answer.usage, claims: claims,
                        sameVendor: writer.sameVendor)
                    let count = claims.filter { !$0.supported }.count
                    if count == 0 { return .success(review) }
                    // The answer not kept still cost tokens: the run's totals say what it really took.
                    if let kept = best, kept.untraced <= count {
                        try await runs.addUsage(runId: runId, review.usage)
                    } else {
                        if let kept = best { try await runs.addUsage(runId: runId, kept.review.usage) }
                        best = (review, count)
                    }
                    untraced += 1
                    if untraced >= policy.untracedAnswers, let kept = best { return .success(kept.review) }
                    let list = claims.filter { !$0.supported }.map { "\"\($0.text)\"" }.joined(separator: ", ")
                    retrying(persona, toolId, runId, "claims not in the facts: \(list)")
                case .failure(let problem):
                    // The refused answer still cost tokens: the run's totals say what it really took.
                    try await runs.addUsage(runId: runId, answer.usage)
                    invalid += 1
                    if invalid >= policy.invalidAnswers {
                        return .failure(.init(.failed("\(persona.name): \(problem) (\(invalid) answers, none valid)")))
                    }
                    retrying(persona, toolId, runId, "\(problem)")
                }
            } catch let error as LLMError {
                switch error {
                case .rejected(let reason):
                    return .failure(.init(.failed("\(persona.name): \(reason)")))
                case .badAnswer(let reason):
                    invalid += 1
                    if invalid >= policy.invalidAnswers {
                        return .failure(.init(.failed("\(persona.name): \(reason) (\(invalid) answers, none valid)")))
                    }
                    retrying(persona, toolId, runId, reason)
                case .unavailable(let reason, let after):
                    unavailable += 1
                    let wait = policy.delay(afterTry: unavailable, retryAfter: after)
                    if unavailable >= policy.unavailable || wait > policy.maxDelay {
                        return .failure(.init(.retryLater("\(persona.name): \(reason)", after: after)))
                    }
                    retrying(persona, toolId, runId, reason)
                    try await Task.sleep(for: .seconds(wait))
                    continue
                }
            }
            // A short pause between refused answers; a model that answered is not overloaded.
            try await Task.sleep(for: .seconds(min(policy.maxDelay, policy.baseDelay / 4)))
        }
    }

    /// The validator's verdict, then the checks that need the tool and the catalog.
    private func check(_ validated: Result<ValidReview, ReviewProblem>, tool: ToolRow, category: String, persona: PersonaRow) async throws
        -> Result<(ValidReview, [Claim]), ReviewProblem>
    {
        guard case .success(let valid) = validated else { return validated.map { ($0, []) } }
        let named = try await ClaimQueries(database.sql).toolsNamed(in: valid.text)
        let checker = ClaimChecker(tool: tool, category: category, catalog: CatalogFacts(tools: named), context: ClaimQueries.context(of: persona))
        let integrity = ReviewIntegrity(tool: tool, checker: checker)
        if let problem = integrity.problem(in: valid) { return .failure(problem) }
        return .success((valid, integrity.claims(in: valid.text)))
    }

    private func retrying(_ persona: PersonaRow, _ toolId: Int, _ runId: Int, _ reason: String) {
        logger.info("panel run \(runId): \(persona.name) asked again: \(reason)")
        feed?.publish(toolId: toolId, .retrying(runId: runId, persona: persona.slug, reason: reason))
    }
}

/// Who writes one persona's review, chosen before its first try.
struct Writer: Sendable {
    let client: any LLMClient
    /// No other client could take a review of its own vendor's tool.
    let sameVendor: Bool
}

struct RunOutcomeError: Error {
    let outcome: RunOutcome
    init(_ outcome: RunOutcome) { self.outcome = outcome }
}

/// Text updates go out at most every 250 ms: watchers see it grow smoothly without one database
/// write per token.
final class TextThrottle: Sendable {
    private let last = NIOLockedValueBox<Date?>(nil)

    func shouldSend(now: Date = Date()) -> Bool {
        last.withLockedValue { previous in
            if let previous, now.timeIntervalSince(previous) < 0.25 { return false }
            previous = now
            return true
        }
    }
}
