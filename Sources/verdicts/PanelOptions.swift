import ArgumentParser

/// Which model backend writes reviews; everything else about it comes from the environment (see
/// the README's settings table and docs/panel.md).
struct PanelOptions: ParsableArguments, SettingFlags {
    @Option(help: "anthropic, openai or local (env VERDICTS_LLM_BACKEND; default: anthropic with ANTHROPIC_API_KEY, openai with VERDICTS_OPENAI_URL or OPENAI_API_KEY, else the local model).")
    var backend: String?

    var flags: [Setting: String] { backend.map { [.backend: $0] } ?? [:] }
}
