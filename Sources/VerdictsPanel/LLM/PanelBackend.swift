import Foundation

/// Which language model writes the panel, chosen from settings: an explicit `VERDICTS_LLM_BACKEND`,
/// else Anthropic when `ANTHROPIC_API_KEY` is set, else an OpenAI-compatible server when its URL or
/// key is set, else the embedded local model.
public struct PanelBackend: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case anthropic, openai, local
    }

    public var kind: Kind
    /// True when the operator chose a backend (an API key, a URL or `VERDICTS_LLM_BACKEND`), not
    /// merely fell back to the local model: only then does an import queue runs by itself.
    public var isConfigured: Bool
    public var anthropicKey: String?
    public var anthropicModel = "claude-sonnet-4-5"
    public var anthropicURL = "https://api.anthropic.com"
    public var openAIKey: String?
    public var openAIURL = "https://api.openai.com/v1"
    public var openAIModel = "gpt-4o-mini"
    public var openAIMode = OpenAIClient.Mode.jsonSchema
    var openAIURLSet = false
    public var local = LocalModel()
    /// Who makes each backend's model when its name does not say (`VERDICTS_OPENAI_VENDOR`,
    /// `VERDICTS_LOCAL_VENDOR`): the conflict-of-interest rule compares it with the tool's vendor.
    public var vendors: [Kind: String] = [:]
    /// Personas that review on a backend and model of their own (`VERDICTS_PANEL_MODELS`), so one
    /// panel can be several models rather than one model in four hats.
    public var assignments: [String: Assignment] = [:]
    /// Pairwise runs a day that readers opening comparisons may queue (`VERDICTS_PAIRWISE_BUDGET`):
    /// 20 when the operator chose a backend, none when the panel merely fell back to the local model,
    /// so a fresh site never starts a model because someone opened a page.
    public var pairwiseDailyBudget = 0
    /// Seconds a backend may stay silent before a try counts as unavailable (`StreamingHTTP`).
    public var silenceSeconds = 60
    /// A ready client instead of one built from settings (tests).
    var fixedClient: (any LLMClient)?

    /// Reads the settings through `value` (flag, environment, .env).
    public init(settings value: (String) -> String?) throws {
        anthropicKey = value("ANTHROPIC_API_KEY")
        openAIKey = value("OPENAI_API_KEY")
        if let model = value("VERDICTS_ANTHROPIC_MODEL") { anthropicModel = model }
        if let url = value("VERDICTS_ANTHROPIC_URL") { anthropicURL = url }
        if let model = value("VERDICTS_OPENAI_MODEL") { openAIModel = model }
        if let mode = value("VERDICTS_OPENAI_MODE") {
            guard let parsed = OpenAIClient.Mode(rawValue: mode) else {
                throw PanelBackendError("VERDICTS_OPENAI_MODE must be one of \(OpenAIClient.Mode.allCases.map(\.rawValue).joined(separator: ", ")); got '\(mode)'.")
            }
            openAIMode = parsed
        }
        let openAIURLSetting = value("VERDICTS_OPENAI_URL")
        if let url = openAIURLSetting { (openAIURL, openAIURLSet) = (url, true) }
        if let url = value("VERDICTS_LOCAL_LLM_URL") { local.baseURL = url }
        if let script = value("VERDICTS_LOCAL_LLM_SCRIPT") { local.script = script }
        if let choice = value("VERDICTS_LOCAL_MODEL") {
            guard LocalModel.choices[choice] != nil else {
                throw PanelBackendError("VERDICTS_LOCAL_MODEL must be one of \(LocalModel.choices.keys.sorted().joined(separator: ", ")); got '\(choice)'.")
            }
            local.choice = choice
        }
        for kind in [Kind.openai, .local] {
            if let vendor = value("VERDICTS_\(kind.rawValue.uppercased())_VENDOR"), !vendor.isEmpty { vendors[kind] = vendor }
        }
        if let silence = value("VERDICTS_LLM_SILENCE_SECONDS") {
            guard let seconds = Int(silence), (1...3600).contains(seconds) else {
                throw PanelBackendError("VERDICTS_LLM_SILENCE_SECONDS must be a whole number of seconds from 1 to 3600; got '\(silence)'.")
            }
            silenceSeconds = seconds
        }

        if let name = value("VERDICTS_LLM_BACKEND") {
            guard let chosen = Kind(rawValue: name.lowercased()) else {
                throw PanelBackendError("VERDICTS_LLM_BACKEND must be anthropic, openai or local; got '\(name)'.")
            }
            (kind, isConfigured) = (chosen, true)
        } else if anthropicKey != nil {
            (kind, isConfigured) = (.anthropic, true)
        } else if openAIURLSetting != nil || openAIKey != nil {
            (kind, isConfigured) = (.openai, true)
        } else {
            (kind, isConfigured) = (.local, false)
        }
        if let list = value("VERDICTS_PANEL_MODELS") { assignments = try Self.assignments(list) }
        if kind == .anthropic || assignments.values.contains(where: { $0.kind == .anthropic }), anthropicKey == nil {
            throw PanelBackendError("The anthropic backend needs ANTHROPIC_API_KEY.")
        }
        if !assignments.isEmpty { isConfigured = true }
        pairwiseDailyBudget = isConfigured ? 20 : 0
        if let budget = value("VERDICTS_PAIRWISE_BUDGET") {
            guard let count = Int(budget), (0...100_000).contains(count) else {
                throw PanelBackendError("VERDICTS_PAIRWISE_BUDGET must be a whole number of runs a day from 0 to 100000; got '\(budget)'.")
            }
            pairwiseDailyBudget = count
        }
    }

    /// A persona's own backend, and its model when not the backend's default.
    public struct Assignment: Sendable, Equatable {
        public var kind: Kind
        public var model: String?
    }

    /// "builder=anthropic:claude-sonnet-4-5, skeptic=openai, futurist=local"
    static func assignments(_ list: String) throws -> [String: Assignment] {
        var result: [String: Assignment] = [:]
        for entry in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let choice = parts.count == 2 ? parts[1].split(separator: ":", maxSplits: 1).map(String.init) : []
            guard parts.count == 2, !parts[0].isEmpty, let name = choice.first, let kind = Kind(rawValue: name.lowercased()) else {
                throw PanelBackendError(
                    "VERDICTS_PANEL_MODELS takes persona=backend or persona=backend:model entries separated by commas (backends: anthropic, openai, local); got '\(entry)'.")
            }
            result[parts[0].lowercased()] = Assignment(kind: kind, model: choice.count == 2 && !choice[1].isEmpty ? choice[1] : nil)
        }
        return result
    }

    /// A backend that always answers with `client` (tests, and callers that built one themselves).
    public init(client: any LLMClient) {
        kind = Kind(rawValue: client.backend) ?? .openai
        isConfigured = true
        fixedClient = client
    }

    /// The label stored on queued runs before a client exists: "mixed" for a panel of several.
    public var name: String { fixedClient?.backend ?? (choices.count > 1 ? "mixed" : kind.rawValue) }
    /// The model, or the models of a mixed panel.
    public var modelName: String {
        if let fixedClient { return fixedClient.model }
        return choices.map { modelName(kind: $0.kind, model: $0.model) }.joined(separator: ", ")
    }

    /// The default backend and every persona's own, each once, the default first.
    var choices: [Assignment] {
        var seen = [Assignment(kind: kind, model: nil)]
        for choice in assignments.sorted(by: { $0.key < $1.key }).map(\.value) where !seen.contains(choice) { seen.append(choice) }
        return seen
    }

    func modelName(kind: Kind, model: String?) -> String {
        if let model { return model }
        switch kind {
        case .anthropic: return anthropicModel
        case .openai: return openAIModel
        case .local: return local.modelName
        }
    }

    /// Every client the panel may use: the default, each persona's own, and any other backend with
    /// credentials, where a same-vendor review can be sent instead. Starts the local model when a
    /// persona or the default uses it.
    public func clients() async throws -> PanelClients {
        if let fixedClient { return PanelClients(single: fixedClient) }
        let fallback = try await client(kind: kind, model: nil)
        var byPersona: [String: any LLMClient] = [:]
        var all: [any LLMClient] = [fallback]
        for (persona, choice) in assignments.sorted(by: { $0.key < $1.key }) {
            let made = try await client(kind: choice.kind, model: choice.model)
            byPersona[persona] = made
            if !all.contains(where: { $0.backend == made.backend && $0.model == made.model }) { all.append(made) }
        }
        // Backends the operator gave credentials for, so a same-vendor review has somewhere to go.
        for other in [Kind.anthropic, .openai] where other != kind && !all.contains(where: { $0.backend == other.rawValue }) {
            if other == .anthropic && anthropicKey != nil || other == .openai && (openAIKey != nil || openAIURLSet) {
                all.append(try await client(kind: other, model: nil))
            }
        }
        return PanelClients(fallback: fallback, byPersona: byPersona, all: all)
    }

    /// The default backend's client (tests, and callers that want one model).
    public func client() async throws -> any LLMClient {
        if let fixedClient { return fixedClient }
        return try await client(kind: kind, model: nil)
    }

    /// A client ready to call; for the local model this starts the server if it is not running.
    func client(kind: Kind, model: String?) async throws -> any LLMClient {
        let http = StreamingHTTP(silenceSeconds: silenceSeconds)
        let chosen = modelName(kind: kind, model: model)
        // The operator's vendor is for the backend's usual model; a persona's own model says its maker.
        let vendor = model.flatMap(ModelVendor.guess) ?? vendors[kind]
        switch kind {
        case .anthropic:
            var client = AnthropicClient(apiKey: anthropicKey ?? "", model: chosen, baseURL: anthropicURL)
            client.http = http
            return client
        case .openai:
            var client = OpenAIClient(backend: "openai", baseURL: openAIURL, apiKey: openAIKey, model: chosen, mode: openAIMode, vendor: vendor)
            client.http = http
            return client
        case .local:
            try await local.ensureRunning()
            var client = OpenAIClient(backend: "local", baseURL: local.baseURL, apiKey: nil, model: chosen, mode: .jsonObject, vendor: vendor)
            client.http = http
            return client
        }
    }
}

public struct PanelBackendError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
