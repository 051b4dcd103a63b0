import Foundation
import Testing
@testable import VerdictsCore
@testable import VerdictsPanel

@Suite("Panel backend settings")
struct PanelBackendSettingsTests {
    func backend(_ settings: [String: String]) throws -> PanelBackend {
        try PanelBackend(settings: { settings[$0] })
    }

    @Test("the silence limit defaults to a minute, takes whole seconds from 1 to 3600, and reaches the client")
    func silence() async throws {
        #expect(try backend([:]).silenceSeconds == 60)
        let set = try backend(["VERDICTS_LLM_BACKEND": "openai", "VERDICTS_LLM_SILENCE_SECONDS": "5"])
        #expect(set.silenceSeconds == 5)
        let client = try #require(try await set.client() as? OpenAIClient)
        #expect(client.http.silenceSeconds == 5)
        for bad in ["0", "-3", "abc", "3601", "1.5"] {
            #expect(throws: PanelBackendError.self, "\(bad)") { try backend(["VERDICTS_LLM_SILENCE_SECONDS": bad]) }
        }
    }

    @Test("VERDICTS_PANEL_MODELS gives personas backends and models of their own; a bad entry is refused with the form to use")
    func assignments() async throws {
        let mixed = try backend([
            "VERDICTS_LLM_BACKEND": "openai", "VERDICTS_OPENAI_MODEL": "gpt-4o-mini", "ANTHROPIC_API_KEY": "k",
            "VERDICTS_PANEL_MODELS": "Builder=anthropic:claude-haiku-4-5, skeptic=openai:llama-3.1-8b-instruct",
        ])
        #expect(mixed.assignments["builder"] == .init(kind: .anthropic, model: "claude-haiku-4-5"))
        #expect(mixed.assignments["skeptic"] == .init(kind: .openai, model: "llama-3.1-8b-instruct"))
        #expect(mixed.name == "mixed")
        #expect(mixed.modelName == "gpt-4o-mini, claude-haiku-4-5, llama-3.1-8b-instruct")
        let clients = try await mixed.clients()
        let tool = ClaimCheckerTools.tool(vendor: "Acme")
        #expect(clients.client(for: "builder", tool: tool).client.model == "claude-haiku-4-5")
        #expect(clients.client(for: "skeptic", tool: tool).client.vendor == "Meta", "a persona's own model names its maker")
        #expect(clients.client(for: "founder", tool: tool).client.model == "gpt-4o-mini")
        #expect(try backend([:]).name == "local")

        for bad in ["builder", "builder=gemini", "=local", "builder=anthropic"] {
            #expect(throws: PanelBackendError.self, "\(bad)") { try backend(["VERDICTS_PANEL_MODELS": bad]) }
        }
    }

    @Test("a same-vendor review goes to another client when there is one, and is marked when there is none")
    func routing() {
        let anthropic = NamedClient(model: "claude-sonnet-4-5"), openai = NamedClient(model: "gpt-4o-mini")
        let tool = ClaimCheckerTools.tool(vendor: "Anthropic")
        let both = PanelClients(fallback: anthropic, byPersona: [:], all: [anthropic, openai])
        #expect(both.client(for: "builder", tool: tool).client.model == "gpt-4o-mini")
        #expect(both.client(for: "builder", tool: tool).sameVendor == false)
        let alone = PanelClients(single: anthropic)
        #expect(alone.client(for: "builder", tool: tool).sameVendor)
        #expect(alone.client(for: "builder", tool: ClaimCheckerTools.tool(vendor: "Google")).sameVendor == false)
    }
}

/// A client that answers valid, traced reviews under its own model name (and so its vendor).
struct NamedClient: LLMClient {
    let backend = "openai"
    let model: String
    let inner = ScriptedLLMClient { _, persona in PanelIntegrityTests.review("It writes up to 64K output tokens.", persona: persona) }

    func write(_ prompt: ReviewPrompt, onText: @escaping @Sendable (String) async -> Void) async throws -> LLMAnswer {
        var answer = try await inner.write(prompt, onText: onText)
        answer.model = model
        return answer
    }
}

enum ClaimCheckerTools {
    static func tool(vendor: String) -> ToolRow {
        ToolRow(
            id: 1, slug: "t", name: "T", vendor: vendor, categoryId: 1, tagline: "", bestFor: "", description: "", pricingModel: .paid,
            pricing: "", entryPrice: "", website: "https://example.com", launchedOn: "2025-01-01", license: "", status: .active,
            contextWindow: nil, createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
    }
}
