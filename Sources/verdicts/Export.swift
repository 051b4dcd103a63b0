import ArgumentParser
import VerdictsCatalog
import VerdictsCore

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the catalog (categories, personas, tools and editorial reviews) as YAML that re-imports unchanged.")

    @Option(help: "The folder to write into; created if missing.") var out: String
    @OptionGroup var databaseOption: DatabaseOption

    func run() async throws {
        let database = try await databaseOption.settings().open("verdicts.export")
        do {
            let files = try await CatalogExporter(database: database).export(to: out)
            print("Wrote \(files.count) files to \(out): \(files.joined(separator: ", "))")
        } catch {
            await database.shutdown()
            throw CommandFailure("The export failed: \(describe(error))")
        }
        await database.shutdown()
    }
}
