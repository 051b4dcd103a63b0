import Foundation
import Logging
import VerdictsCore

/// Runs one pairwise run: every active persona is asked which of the two tools it would ship with,
/// once with each tool shown first. Answers are validated and claim-checked against both tools'
/// facts like reviews; a run resumed after a crash asks only what is missing.
public struct PairwiseRunner: Sendable {
    let database: AppDatabase
    let clients: PanelClients
    let policy: RetryPolicy
    let logger: Logger

    public init(database: AppDatabase, clients: PanelClients, policy: RetryPolicy = RetryPolicy(), logger: Logger) {
        (self.database, self.clients, self.policy, self.logger) = (database, clients, policy, logger)
    }

    public func run(runId: Int) async throws -> RunOutcome {
        let queries = PairwiseQueries(database.sql)
        guard let run = try await queries.run(id: runId) else { return .failed("pairwise run \(runId) no longer exists") }
        guard run.status == .queued || run.status == .running else { return .complete }
        let catalog = CatalogQueries(database.sql)
        let tools = try await catalog.tools(ids: [run.toolA, run.toolB])
        guard let a = tools.first(where: { $0.id == run.toolA }), let b = tools.first(where: { $0.id == run.toolB }) else {
            return .failed("a tool of the pair was deleted")
        }
        let categories = Dictionary(uniqueKeysWithValues: try await catalog.categories().map { ($0.id, $0.name) })
        let personas = try await catalog.personas().filter(\.active)
        guard !personas.isEmpty else { return .failed("there are no active personas") }
        let done = try await queries.answered(runId: runId)
        try await queries.setStatus(runId: runId, .running)
        for persona in personas {
            for (first, second) in [(a, b), (b, a)] where !done.contains([persona.id, first.id]) {
                let prompt = PairwisePrompt.prompt(persona: persona, first: first, second: second, categories: categories)
                // The vendor rule looks at both tools: a model of either one's maker is not neutral.
                let (client, _) = clients.client(for: persona.slug, tool: first)
                let writer = ModelVendor.isSame(client.vendor, toolVendor: second.vendor) ? clients.client(for: persona.slug, tool: second).client : client
                switch try await answer(prompt, writer: writer, persona: persona, first: first, second: second, categories: categories, runId: runId) {
                case .success(let answer): try await queries.store(answer, runId: runId)
                case .failure(let stop): return stop.outcome
                }
            }
        }
        try await queries.setStatus(runId: runId, .complete)
        return .complete
    }

    private func answer(
        _ prompt: ReviewPrompt, writer: any LLMClient, persona: PersonaRow, first: ToolRow, second: ToolRow, categories: [Int: String],
        runId: Int
    ) async throws -> Result<PairwiseAnswer, RunOutcomeError> {
        var (invalid, unavailable, untraced) = (0, 0, 0)
        var best: (answer: PairwiseAnswer, untraced: Int)?
        let checker = ClaimChecker(
            tools: [(first, categories[first.categoryId] ?? ""), (second, categories[second.categoryId] ?? "")],
            context: ClaimQueries.context(of: persona))
        let queries = PairwiseQueries(database.sql)
        while true {
            let attempt = invalid + unavailable + untraced + 1
            let throttle = TextThrottle()
            do {
                // The text so far goes to the database for the comparison page's live view.
                let reply = try await writer.write(prompt) { text in
                    guard throttle.shouldSend() else { return }
                    try? await queries.saveDraft(runId: runId, personaId: persona.id, firstTool: first.id, text: text, attempt: attempt)
                }
                switch PairwisePrompt.validate(json: reply.json) {
                case .success(let (pick, text)):
                    let claims = checker.claims(in: text)
                    let answer = PairwiseAnswer(personaId: persona.id, firstTool: first.id, pick: pick == "A" ? first.id : second.id,
                                                text: text, model: reply.model, claims: claims)
                    let count = claims.filter { !$0.supported }.count
                    if count == 0 { return .success(answer) }
                    if best.map({ count < $0.untraced }) ?? true { best = (answer, count) }
                    untraced += 1
                    if untraced >= policy.untracedAnswers, let kept = best { return .success(kept.answer) }
                    logger.info("pairwise: \(persona.name) asked again: claims not in the facts")
                case .failure(let problem):
                    invalid += 1
                    if invalid >= policy.invalidAnswers {
                        return .failure(.init(.failed("\(persona.name): \(problem) (\(invalid) answers, none valid)")))
                    }
                    logger.info("pairwise: \(persona.name) asked again: \(problem)")
                }
            } catch let error as LLMError {
                switch error {
                case .rejected(let reason): return .failure(.init(.failed("\(persona.name): \(reason)")))
                case .badAnswer(let reason):
                    invalid += 1
                    if invalid >= policy.invalidAnswers { return .failure(.init(.failed("\(persona.name): \(reason)"))) }
                case .unavailable(let reason, let after):
                    unavailable += 1
                    if unavailable >= policy.unavailable { return .failure(.init(.retryLater("\(persona.name): \(reason)", after: after))) }
                    try await Task.sleep(for: .seconds(policy.delay(afterTry: unavailable, retryAfter: after)))
                }
            }
        }
    }
}
