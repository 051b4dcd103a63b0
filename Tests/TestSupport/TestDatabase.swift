import Foundation
import Logging
import SQLKit
import VerdictsCore

/// Every test gets a database of its own: a fresh in-memory SQLite database, or, when
/// `DATABASE_URL` names a PostgreSQL server (as `scripts/test` does), a freshly created PostgreSQL
/// database that is dropped afterwards. The same tests therefore prove both engines.
public enum TestDatabase {
    public static var serverURL: String? {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], url.hasPrefix("postgres") else { return nil }
        return url
    }

    public static var engineName: String { serverURL == nil ? "SQLite" : "PostgreSQL" }

    public static func withFresh<T: Sendable>(
        migrated: Bool = true, logger: Logger = Logger(label: "verdicts.db"), _ body: (AppDatabase) async throws -> T
    ) async throws -> T {
        guard let serverURL else {
            let database = try await AppDatabase.open(.sqliteMemory, logger: logger)
            return try await run(database, migrated: migrated, body)
        }
        // Each test database holds a few connections; cap how many exist at once so a parallel
        // run stays under the server's connection limit.
        await postgresSlots.acquire()
        defer { Task { await postgresSlots.release() } }
        let admin = try await AppDatabase.open(.postgres(url: serverURL))
        let name = "verdicts_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
        do {
            let database = try await AppDatabase.open(.postgres(url: url(serverURL, database: name)), logger: logger)
            let result = try await run(database, migrated: migrated, body)
            try await admin.sql.raw("DROP DATABASE \(unsafeRaw: name) WITH (FORCE)").run()
            await admin.shutdown()
            return result
        } catch {
            try? await admin.sql.raw("DROP DATABASE \(unsafeRaw: name) WITH (FORCE)").run()
            await admin.shutdown()
            throw error
        }
    }

    private static func run<T: Sendable>(
        _ database: AppDatabase, migrated: Bool, _ body: (AppDatabase) async throws -> T
    ) async throws -> T {
        do {
            if migrated { try await database.migrate() }
            let result = try await body(database)
            await database.shutdown()
            return result
        } catch {
            await database.shutdown()
            throw error
        }
    }

    static func url(_ server: String, database: String) -> String {
        var parts = URLComponents(string: server)!
        parts.path = "/" + database
        return parts.string!
    }

    /// The names of the tables the database holds, from the engine's own catalog.
    public static func tableNames(_ database: AppDatabase) async throws -> Set<String> {
        let query: SQLQueryString = database.engine == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
        let rows = try await database.sql.raw(query).all()
        return Set(try rows.map { try $0.decode(column: "name", as: String.self) })
    }

    /// Row counts of the catalog tables, to prove that a failed import wrote nothing.
    public static func catalogCounts(_ database: AppDatabase) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["categories", "personas", "tools", "panel_runs", "reviews"] {
            let row = try await database.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()
            counts[table] = try row?.decode(column: "n", as: Int.self) ?? 0
        }
        return counts
    }
}

private let postgresSlots = AsyncSemaphore(permits: 8)

/// A counting semaphore for async code.
actor AsyncSemaphore {
    private var permits: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(permits: Int) { self.permits = permits }

    func acquire() async {
        if permits > 0 {
            permits -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty { permits += 1 } else { waiters.removeFirst().resume() }
    }
}

/// Paths in the repository, found from this file so tests run from any working folder.
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static var demoCatalog: String { root.appendingPathComponent("catalog").path }

    /// A new empty folder under the system's temporary folder.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("verdicts-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
