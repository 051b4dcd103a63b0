import ArgumentParser
import VerdictsCatalog
import VerdictsCore
import VerdictsPanel

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import catalog YAML (a file or a folder). Checks everything first; writes all or nothing.")

    @Argument(help: "A catalog YAML file, or a folder of them.") var path: String
    @Flag(help: "Check the files and report problems without writing anything.") var check = false
    @OptionGroup var panelOptions: PanelOptions
    @OptionGroup var databaseOption: DatabaseOption

    func run() async throws {
        let settings = try await PanelCommandSettings.load(panelOptions, databaseOption)
        let backend = settings.backend
        let database = try await settings.database.open("verdicts.import")
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
            try await queuePanelRuns(database, backend: backend)
        } catch let error as CatalogImportError {
            await database.shutdown()
            throw CommandFailure(error.description)
        } catch {
            await database.shutdown()
            throw CommandFailure("The import failed and nothing was written: \(describe(error))")
        }
        await database.shutdown()
    }

    /// New tools that came without reviews get a panel run, when the operator has chosen a model
    /// backend (never merely the local fallback, and never for tools the import gave reviews).
    private func queuePanelRuns(_ database: AppDatabase, backend: PanelBackend) async throws {
        guard backend.isConfigured else { return }
        let runs = PanelRunQueries(database.sql)
        let toolIds = try await runs.toolIdsWithoutPanel()
        for id in toolIds {
            _ = try await runs.queueRun(toolId: id, backend: backend.name, model: backend.modelName)
        }
        if !toolIds.isEmpty {
            print("Queued \(toolIds.count) panel run(s) (\(backend.name), \(backend.modelName)); a worker (verdicts serve or verdicts worker) will write them.")
        }
    }
}
