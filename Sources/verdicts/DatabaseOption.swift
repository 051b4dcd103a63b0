import ArgumentParser

/// `--database`, shared by every command that opens the database.
struct DatabaseOption: ParsableArguments, SettingFlags {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A SQLite file path or a postgres:// URL (env DATABASE_URL).",
            valueName: "path-or-url"))
    var database: String?

    var flags: [Setting: String] { database.map { [.database: $0] } ?? [:] }

    /// The command's database settings under this flag.
    func settings() async throws -> DatabaseSettings { try await DatabaseSettings.load(self) }
}
