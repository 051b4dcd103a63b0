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
    public var local = LocalModel()
    /// Who makes each backend's model when its name does not say (`VERDICTS_OPENAI_VENDOR`,
    /// `VERDICTS_LOCAL_VENDOR`): the conflict-of-interest rule compares it with the tool's vendor.
    public var vendors: [Kind: String] = [:]
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
        if let url = openAIURLSetting { openAIURL = url }
        if let url = value("VERDICTS_LOCAL_LLM_URL") { local.baseURL = url }
        if let script = value("VERDICTS_LOCAL_LLM_SCRIPT") { local.script = script }
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
        if kind == .anthropic, anthropicKey == nil {
            throw PanelBackendError("The anthropic backend needs ANTHROPIC_API_KEY.")
        }
    }

    /// A backend that always answers with `client` (tests, and callers that built one themselves).
    public init(client: any LLMClient) {
        kind = Kind(rawValue: client.backend) ?? .openai
        isConfigured = true
        fixedClient = client
    }

    /// The label stored on queued runs before a client exists.
    public var name: String { fixedClient?.backend ?? kind.rawValue }
    public var modelName: String {
        if let fixedClient { return fixedClient.model }
        switch kind {
        case .anthropic: return anthropicModel
        case .openai: return openAIModel
        case .local: return LocalModel.modelName
        }
    }

    /// A client ready to call; for the local model this starts the server if it is not running.
    public func client() async throws -> any LLMClient {
        if let fixedClient { return fixedClient }
        let http = StreamingHTTP(silenceSeconds: silenceSeconds)
        switch kind {
        case .anthropic:
            var client = AnthropicClient(apiKey: anthropicKey ?? "", model: anthropicModel, baseURL: anthropicURL)
            client.http = http
            return client
        case .openai:
            var client = OpenAIClient(backend: "openai", baseURL: openAIURL, apiKey: openAIKey, model: openAIModel, mode: openAIMode, vendor: vendors[.openai])
            client.http = http
            return client
        case .local:
            try await local.ensureRunning()
            var client = OpenAIClient(backend: "local", baseURL: local.baseURL, apiKey: nil, model: LocalModel.modelName, mode: .jsonObject, vendor: vendors[.local])
            client.http = http
            return client
        }
    }
}

public struct PanelBackendError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
