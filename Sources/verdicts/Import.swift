import ArgumentParser
import VerdictsCatalog
import VerdictsCore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import catalog YAML (a file or a folder). Checks everything first; writes all or nothing.")

    @Argument(help: "A catalog YAML file, or a folder of them.") var path: String
    @Flag(help: "Check the files and report problems without writing anything.") var check = false
    @OptionGroup var databaseOption: DatabaseOption

    func run() async throws {
        let database = try await databaseOption.open(logger: makeLogger("verdicts.import"))
        do {
            if check {
                let problems = try await CatalogImporter(database: database).check(path)
                guard problems.isEmpty else { throw CatalogImportError(problems: problems) }
                print("No problems found in \(path).")
                await database.shutdown()
                return
            }
            let report = try await CatalogImporter(database: database).importCatalog(at: path)
            print(report)
        } catch let error as CatalogImportError {
            await database.shutdown()
            throw CommandFailure(error.description)
        } catch {
            await database.shutdown()
            throw CommandFailure("The import failed and nothing was written: \(describe(error))")
        }
        await database.shutdown()
    }
}
