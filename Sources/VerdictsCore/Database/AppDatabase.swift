import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLKit

/// The site's one handle on its database, for either engine.
public final class AppDatabase: Sendable {
    public let location: DatabaseLocation
    public let logger: Logger
    private let databases: Databases
    /// SQLite allows one writer at a time; pinning every request to one event loop gives the pool a
    /// single connection, so writes queue in the process instead of failing with "database is locked".
    private let pinnedEventLoop: (any EventLoop)?
    private let openState = NIOLockedValueBox(true)
    /// Whether the server was found away moments ago: `sql` and `transaction` then fail at once.
    let reachability = DatabaseReachability()
    /// How long a PostgreSQL statement, or a whole transaction, may go unanswered (nil: no limit).
    let statementDeadline: TimeAmount?
    /// The engine's SQL dialect, for the closed database's statements to fail in.
    private let dialect: any SQLKit.SQLDialect

    /// False once `shutdown()` has begun: background work checks it before touching the database.
    public var isOpen: Bool { openState.withLockedValue { $0 } }

    public var engine: DatabaseEngine { location.engine }

    private init(location: DatabaseLocation, databases: Databases, logger: Logger, statementDeadline: TimeAmount?) {
        self.location = location
        // SQLite answers from this process; only a server can leave a statement unanswered.
        self.statementDeadline = location.engine == .postgres ? statementDeadline : nil
        self.databases = databases
        self.logger = logger
        let pinned = location.engine == .sqlite ? MultiThreadedEventLoopGroup.singleton.next() : nil
        self.pinnedEventLoop = pinned
        self.dialect = (databases.database(logger: logger, on: pinned ?? MultiThreadedEventLoopGroup.singleton.any()) as! any SQLDatabase).dialect
    }

    /// Opens the database and checks that it answers. Fails with one sentence an operator can act on.
    /// `statementDeadline` bounds how long a statement or a transaction may wait on the server for
    /// an answer (see `ReachabilitySQLDatabase`); the site sets one, batch commands need none.
    public static func open(_ location: DatabaseLocation, logger: Logger = Logger(label: "verdicts.db"),
                            statementDeadline: TimeAmount? = nil) async throws -> AppDatabase
    {
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        switch location {
        case .sqliteMemory:
            databases.use(.sqlite(.memory, sqlLogLevel: .trace), as: .sqlite)
        case .sqliteFile(let path):
            try createParentFolder(of: path)
            databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
        case .postgres(let url):
            do {
                // A request waits at most 3 s for a connection (the default is 10): with the server
                // away, new connections fail and waiters would hang that long before their 503.
                // Four connections per event loop (the default is one) so that one slow query, or a
                // connection being opened, does not hold up every request on its loop.
                databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: .seconds(3),
                                            pruneInterval: nil, sqlLogLevel: .trace), as: .psql)
            } catch {
                await databases.shutdownAsync()
                throw DatabaseError.invalidLocation(
                    "The PostgreSQL URL \(DatabaseLocation.redacted(url)) is not valid: use postgres://user:password@host:port/database.")
            }
        }
        let database = AppDatabase(location: location, databases: databases, logger: logger, statementDeadline: statementDeadline)
        do {
            try await database.prepareConnection()
        } catch {
            await databases.shutdownAsync()
            throw DatabaseError.cannotOpen("Could not open the database (\(location)): \(describe(error)).")
        }
        return database
    }

    /// A Fluent database for one unit of work; nil once `shutdown()` has begun.
    var fluent: (any Database)? { fluent(logger: logger) }

    private func fluent(logger: Logger) -> (any Database)? {
        databases.database(logger: logger, on: pinnedEventLoop ?? MultiThreadedEventLoopGroup.singleton.any())
    }

    /// The same database for hand-written SQL. Once `shutdown()` has begun its statements fail
    /// with `DatabaseError.closed` (`ClosedSQLDatabase`): by then every user should have stopped.
    public var sql: any SQLDatabase {
        guard let fluent else { return ClosedSQLDatabase(logger: logger, dialect: dialect) }
        return guarded(fluent as! any SQLDatabase)
    }

    private func guarded(_ database: any SQLDatabase) -> any SQLDatabase {
        ReachabilitySQLDatabase(wrapped: database, reachability: reachability, deadline: statementDeadline)
    }

    /// Runs `body` in one transaction: everything it writes lands, or nothing does.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await reachability.guarding {
            try await Deadline.run(within: statementDeadline.map { $0 * 2 }, reachability: reachability) { [self] in
                guard let fluent = self.fluent else { throw DatabaseError.closed }
                return try await fluent.transaction { db in try await body(self.guarded(db as! any SQLDatabase)) }
            }
        }
    }

    public func shutdown() async {
        openState.withLockedValue { $0 = false }
        await databases.shutdownAsync()
    }

    private func prepareConnection() async throws {
        // A failure here becomes one sentence for the operator; the pool's own log lines would
        // only repeat it as noise.
        var quiet = logger
        quiet.logLevel = .critical
        guard let sql = fluent(logger: quiet) as? any SQLDatabase else { throw DatabaseError.closed }
        switch location {
        case .sqliteFile:
            // WAL lets readers proceed while the single writer writes; the busy timeout covers other
            // processes (an import run while the site serves) holding the write lock briefly.
            try await sql.raw("PRAGMA journal_mode = WAL").run()
            try await sql.raw("PRAGMA busy_timeout = 5000").run()
            // In WAL mode NORMAL syncs the log at checkpoints rather than at every commit: a commit
            // survives the process being killed (it is in the log, in the OS's cache), and only a
            // power loss can take the last ones back. FULL made every vote wait for the disk.
            try await sql.raw("PRAGMA synchronous = NORMAL").run()
            // 32 MB of page cache (the default is 2 MB): the pages of a large catalog's indexes stay in memory.
            try await sql.raw("PRAGMA cache_size = -32000").run()
        case .sqliteMemory, .postgres:
            try await sql.raw("SELECT 1").run()
        }
    }

    private static func createParentFolder(of path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw DatabaseError.cannotOpen(
                "Could not create the folder \(folder.path) for the SQLite database: \(error.localizedDescription.trimmingCharacters(in: CharacterSet(charactersIn: "."))). Choose another path with --database.")
        }
    }
}

/// Drivers' errors are verbose structs; operators want the one line that names the cause.
public func describe(_ error: any Error) -> String {
    if let error = error as? DatabaseError { return error.description }
    let text = String(reflecting: error)
    if text.contains("Connection refused") || text.contains("connectionRefused") || text.contains("connect(descriptor") {
        return "the server refused the connection; check that PostgreSQL is running and that the host and port are right"
    }
    if let psql = error as? PSQLError {
        if let message = psql.serverInfo?[.message] { return message }
        if psql.code == .connectionError { return "could not connect to the PostgreSQL server; check the host and port" }
    }
    return text.count > 300 ? String(text.prefix(300)) + "…" : text
}
