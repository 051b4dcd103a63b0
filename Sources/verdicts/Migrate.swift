import ArgumentParser
import VerdictsCore

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply database migrations, or revert them.")

    @Flag(help: "Revert the most recent batch of migrations instead of applying.") var revert = false
    @Flag(help: "With --revert: revert every migration (drops all tables and their data).") var all = false
    @OptionGroup var databaseOption: DatabaseOption

    func run() async throws {
        guard revert || !all else { throw ValidationError("--all goes with --revert.") }
        let database = try await databaseOption.settings().open("verdicts.migrate", migrate: !revert)
        if revert {
            do {
                try await database.revert(all: all)
            } catch let error as DatabaseError {
                await database.shutdown()
                throw CommandFailure(error.description)
            }
            print(all ? "Reverted every migration." : "Reverted the last batch of migrations.")
        } else {
            print("The database is up to date (\(database.location)).")
        }
        await database.shutdown()
    }
}
