import ArgumentParser

@main
struct Verdicts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verdicts",
        abstract: "Verdicts: which AI tool should you ship with?",
        discussion: "Settings come from flags, then the environment, then a .env file in the working folder, then defaults.",
        subcommands: [Serve.self, Migrate.self, Import.self, Export.self, Panel.self, Worker.self, Votes.self, Digest.self, User.self, APIToken.self, Synth.self, BenchFloor.self, SettingsCommand.self],
        defaultSubcommand: Serve.self)
}
