import ArgumentParser

/// `verdicts settings`: every setting with its flag, environment name, default and meaning, as
/// the Markdown table the README carries (a test keeps the two the same).
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "List every setting: its flag, its environment name (also its name in .env), its default and what it does.")

    func run() {
        print(Setting.markdownTable)
    }
}
