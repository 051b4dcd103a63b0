import Foundation

/// Where the site's data lives: a SQLite file (the default), an in-memory SQLite database (tests),
/// or a PostgreSQL server for sites that run several app instances.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(url: String)

    public static let defaultSQLitePath = "data/verdicts.sqlite"

    /// Reads a `--database` / `DATABASE_URL` value: a `postgres://` or `postgresql://` URL, `:memory:`,
    /// a `sqlite://` URL, or a plain file path.
    public init(parsing text: String) throws {
        let value = text.trimmingCharacters(in: .whitespaces)
        if value.isEmpty {
            throw DatabaseError.invalidLocation("The database location is empty. Give a SQLite file path or a postgres:// URL.")
        }
        let lower = value.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            self = .postgres(url: value)
        } else if value == ":memory:" || lower == "sqlite::memory:" {
            self = .sqliteMemory
        } else if lower.hasPrefix("sqlite://") {
            self = .sqliteFile(path: String(value.dropFirst("sqlite://".count)))
        } else if lower.contains("://") {
            throw DatabaseError.invalidLocation(
                "Unsupported database URL '\(Self.redacted(value))': use a postgres:// URL or a SQLite file path.")
        } else {
            self = .sqliteFile(path: value)
        }
    }

    public var engine: DatabaseEngine {
        switch self {
        case .sqliteFile, .sqliteMemory: .sqlite
        case .postgres: .postgres
        }
    }

    /// A form safe to print in logs and errors: never shows a password.
    public var description: String {
        switch self {
        case .sqliteFile(let path): "SQLite file \(path)"
        case .sqliteMemory: "in-memory SQLite"
        case .postgres(let url): "PostgreSQL at \(Self.redacted(url))"
        }
    }

    static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? url
    }
}

public enum DatabaseEngine: String, Sendable {
    case sqlite, postgres
}

/// Errors that reach an operator: each is one sentence that says what to do.
public enum DatabaseError: Error, CustomStringConvertible {
    case invalidLocation(String)
    case cannotOpen(String)
    case migrationFailed(String)
    /// The server was found away moments ago; the request was not sent to it (`DatabaseReachability`).
    case unavailable
    /// `shutdown()` has begun; nothing may use the database after that.
    case closed

    public var description: String {
        switch self {
        case .invalidLocation(let text), .cannotOpen(let text), .migrationFailed(let text): text
        case .unavailable: "The database server cannot be reached just now."
        case .closed: "The database is closed: the server is stopping."
        }
    }
}
