import ArgumentParser
import VerdictsPanel

/// Which model backend writes reviews; everything else about it comes from the environment (see
/// the README's "The panel" section).
struct PanelOptions: ParsableArguments {
    @Option(help: "anthropic, openai or local (env VERDICTS_LLM_BACKEND; default: anthropic with ANTHROPIC_API_KEY, openai with VERDICTS_OPENAI_URL or OPENAI_API_KEY, else the local model).")
    var backend: String?

    func panelBackend() throws -> PanelBackend {
        do {
            return try PanelBackend { name in
                name == "VERDICTS_LLM_BACKEND" ? (backend ?? Settings.value(name)) : Settings.value(name)
            }
        } catch let error as PanelBackendError {
            throw CommandFailure(error.description)
        }
    }
}
