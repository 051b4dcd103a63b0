import ArgumentParser
import Logging
import NIOCore
import VerdictsCore

/// `--database`, shared by every command that opens the database.
struct DatabaseOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A SQLite file path or a postgres:// URL (env DATABASE_URL).",
            valueName: "path-or-url"))
    var database: String?

    func location() throws -> DatabaseLocation {
        try DatabaseLocation(parsing: database ?? Settings.value("DATABASE_URL") ?? DatabaseLocation.defaultSQLitePath)
    }

    /// Opens and migrates the database, or stops the command with one sentence and exit code 1.
    /// `statementDeadline`: see `AppDatabase.open`.
    func open(logger: Logger, migrate: Bool = true, statementDeadline: TimeAmount? = nil) async throws -> AppDatabase {
        do {
            let database = try await AppDatabase.open(try location(), logger: logger, statementDeadline: statementDeadline)
            if migrate {
                do {
                    try await database.migrate()
                } catch {
                    await database.shutdown()
                    throw error
                }
            }
            return database
        } catch let error as DatabaseError {
            throw CommandFailure(error.description)
        }
    }
}

/// An error the command line prints as a single line, without a stack trace.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func makeLogger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = Settings.value("LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .info
    return logger
}
