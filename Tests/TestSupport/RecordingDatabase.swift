import Logging
import NIOConcurrencyHelpers
import NIOCore
import SQLKit

/// An `SQLDatabase` that runs every query on the database it wraps and keeps the queries, so a
/// test can ask the database how it would run them (IndexPlanTests).
public final class RecordingDatabase: SQLDatabase {
    public let wrapped: any SQLDatabase
    private let recorded = NIOLockedValueBox<[any SQLExpression]>([])

    public init(_ wrapped: any SQLDatabase) { self.wrapped = wrapped }

    public var queries: [any SQLExpression] { recorded.withLockedValue { $0 } }
    public var logger: Logger { wrapped.logger }
    public var eventLoop: any EventLoop { wrapped.eventLoop }
    public var version: (any SQLDatabaseReportedVersion)? { wrapped.version }
    public var dialect: any SQLDialect { wrapped.dialect }
    public var queryLogLevel: Logger.Level? { wrapped.queryLogLevel }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        recorded.withLockedValue { $0.append(query) }
        return wrapped.execute(sql: query, onRow)
    }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        recorded.withLockedValue { $0.append(query) }
        try await wrapped.execute(sql: query, onRow)
    }
}

/// `EXPLAIN QUERY PLAN` (SQLite) or `EXPLAIN` (PostgreSQL) in front of a recorded query, binds and all.
public struct Explained: SQLExpression {
    public let query: any SQLExpression
    public let sqlite: Bool

    public init(_ query: any SQLExpression, sqlite: Bool) { (self.query, self.sqlite) = (query, sqlite) }

    public func serialize(to serializer: inout SQLSerializer) {
        serializer.write(sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ")
        query.serialize(to: &serializer)
    }
}

/// Counts the statements a database runs, from the "Executing query" lines SQLKit's drivers log at
/// trace level (AppDatabase logs its queries there).
public final class StatementCounter: Sendable {
    private let box = NIOLockedValueBox<[String]>([])

    public init() {}

    public var statements: [String] { box.withLockedValue { $0 } }
    public func reset() { box.withLockedValue { $0.removeAll() } }

    /// A logger that shares this counter's tally.
    public var logger: Logger {
        let box = self.box
        return Logger(label: "verdicts.db.counted") { _ in Handler(box: box) }
    }

    /// A value, as log handlers must be: `Logger` copies share their handler's state otherwise, and
    /// AppDatabase quietens a copy of its logger to `critical` while it opens, which silenced every
    /// later statement when this handler was a class.
    private struct Handler: LogHandler {
        let box: NIOLockedValueBox<[String]>
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            guard event.message.description == "Executing query", case .string(let sql)? = event.metadata?["sql"] else { return }
            box.withLockedValue { $0.append(sql) }
        }
    }
}
