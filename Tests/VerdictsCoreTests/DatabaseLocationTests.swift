import Foundation
import NIOCore
import Testing
import VerdictsCore

@Suite("Database locations and opening errors")
struct DatabaseLocationTests {
    @Test("paths, sqlite:// and postgres:// URLs are told apart")
    func parsing() throws {
        #expect(try DatabaseLocation(parsing: "data/verdicts.sqlite") == .sqliteFile(path: "data/verdicts.sqlite"))
        #expect(try DatabaseLocation(parsing: "sqlite:///tmp/x.db") == .sqliteFile(path: "/tmp/x.db"))
        #expect(try DatabaseLocation(parsing: ":memory:") == .sqliteMemory)
        #expect(try DatabaseLocation(parsing: "postgres://u:p@h:5432/d").engine == .postgres)
        #expect(try DatabaseLocation(parsing: "postgresql://h/d").engine == .postgres)
        #expect(throws: DatabaseError.self) { try DatabaseLocation(parsing: "mysql://h/d") }
        #expect(throws: DatabaseError.self) { try DatabaseLocation(parsing: "  ") }
    }

    @Test("a password never appears in a printed location")
    func redaction() throws {
        let location = try DatabaseLocation(parsing: "postgres://admin:s3cret@db.internal:5432/verdicts")
        #expect(!location.description.contains("s3cret"))
        #expect(location.description.contains("db.internal"))
    }

    @Test("a file that is not a database gives one sentence, not a stack trace")
    func notADatabase() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-db-\(UUID().uuidString).sqlite")
        try Data(String(repeating: "this is not sqlite ", count: 100).utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            _ = try await AppDatabase.open(.sqliteFile(path: file.path))
            Issue.record("opening a text file as a database should fail")
        } catch let error as DatabaseError {
            #expect(error.description.hasPrefix("Could not open the database"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("an unreachable PostgreSQL server is named in the error")
    func unreachableServer() async throws {
        do {
            _ = try await AppDatabase.open(.postgres(url: "postgres://nobody@127.0.0.1:1/none"))
            Issue.record("port 1 should refuse the connection")
        } catch let error as DatabaseError {
            #expect(error.description.contains("127.0.0.1:1"))
            #expect(error.description.contains("PostgreSQL"))
        }
    }

    @Test("work still running when the database shuts down gets an error, not a stopped process")
    func queryAfterShutdown() async throws {
        let database = try await AppDatabase.open(.sqliteMemory)
        try await database.sql.raw("SELECT 1").run()
        await database.shutdown()
        #expect(!database.isOpen)
        await #expect(throws: (any Error).self) { try await database.sql.raw("SELECT 1").run() }
        await #expect(throws: (any Error).self) { try await database.transaction { sql in try await sql.raw("SELECT 1").run() } }
    }

    @Test("errors that mean the server is away are told from other failures")
    func unavailableErrors() {
        #expect(AppDatabase.isUnavailable(IOError(errnoCode: ECONNREFUSED, reason: "connect")))
        #expect(AppDatabase.isUnavailable(ChannelError.ioOnClosedChannel))
        #expect(!AppDatabase.isUnavailable(IOError(errnoCode: EACCES, reason: "open")))
        #expect(!AppDatabase.isUnavailable(DatabaseError.cannotOpen("a file that is not a database")))
    }
}
