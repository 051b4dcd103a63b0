import FluentKit
import NIOPosix

extension AppDatabase {
    /// Applies every migration that has not run yet. Safe to call on every start.
    public func migrate() async throws {
        do {
            let migrator = try makeMigrator()
            try await migrator.setupIfNeeded().get()
            try await migrator.prepareBatch().get()
        } catch {
            throw DatabaseError.migrationFailed("Could not migrate the database (\(location)): \(describe(error)).")
        }
    }

    /// Reverts the most recent batch of migrations, or all of them.
    public func revert(all: Bool) async throws {
        do {
            let migrator = try makeMigrator()
            try await migrator.setupIfNeeded().get()
            if all {
                try await migrator.revertAllBatches().get()
            } else {
                try await migrator.revertLastBatch().get()
            }
        } catch {
            throw DatabaseError.migrationFailed("Could not revert migrations (\(location)): \(describe(error)).")
        }
    }

    private func makeMigrator() throws -> Migrator {
        let migrations = Migrations()
        migrations.add(AllMigrations.ordered)
        guard let database = self.fluent else { throw DatabaseError.closed }
        return Migrator(
            databaseFactory: { _ in database }, migrations: migrations, on: database.eventLoop, migrationLogLevel: .debug)
    }
}
