import Logging
import NIOCore
import VerdictsCore

/// The flags an option group or a command was given, by the setting each overrides.
protocol SettingFlags {
    var flags: [Setting: String] { get }
}

/// One command's settings as typed values, read once before the command starts, so a bad value
/// stops it with one sentence before anything is opened.
protocol CommandSettings {
    init(_ source: SettingsSource) throws
}

extension CommandSettings {
    /// Reads the settings under the flags of `groups` (the first group to give a flag wins).
    static func load(_ groups: any SettingFlags...) async throws -> Self {
        var flags: [Setting: String] = [:]
        for group in groups { flags.merge(group.flags) { first, _ in first } }
        return try Self(try await SettingsSource.load(flags: flags))
    }
}

/// What every command that opens the database reads: where it is, and how much to log.
struct DatabaseSettings: CommandSettings {
    let location: DatabaseLocation
    let logLevel: Logger.Level

    init(_ source: SettingsSource) throws {
        do {
            location = try DatabaseLocation(parsing: source.text(.database) ?? DatabaseLocation.defaultSQLitePath)
        } catch let error as DatabaseError {
            throw CommandFailure(error.description)
        }
        let level = source.text(.logLevel) ?? Logger.Level.info.rawValue
        guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
            let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw CommandFailure("LOG_LEVEL must be one of \(levels); got '\(level)'.")
        }
        logLevel = parsed
    }

    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }

    /// Opens and migrates the database, or stops the command with one sentence and exit code 1.
    /// `statementDeadline`: see `AppDatabase.open`.
    func open(logger: Logger, migrate: Bool = true, statementDeadline: TimeAmount? = nil) async throws -> AppDatabase {
        do {
            let database = try await AppDatabase.open(location, logger: logger, statementDeadline: statementDeadline)
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

    /// Opens the database with a logger of that label.
    func open(_ label: String, migrate: Bool = true) async throws -> AppDatabase {
        try await open(logger: logger(label), migrate: migrate)
    }
}

/// An error the command line prints as a single line, without a stack trace.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
