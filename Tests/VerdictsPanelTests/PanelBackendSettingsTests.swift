import Testing
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
}
