import ArgumentParser
import Foundation
import Logging
import VerdictsCore
import VerdictsPanel

/// Asks the panel which of two tools it would ship with, in both orders, and works the run here.
struct PanelPairwise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pairwise",
        abstract: "Ask each persona which of two tools it would ship with, with each shown first, and print the order-checked picks.")

    @Argument(help: "Two tool slugs.") var slugs: [String]
    @OptionGroup var panelOptions: PanelOptions
    @OptionGroup var databaseOption: DatabaseOption

    func validate() throws {
        guard slugs.count == 2, slugs[0].lowercased() != slugs[1].lowercased() else { throw ValidationError("Name two different tool slugs.") }
    }

    func run() async throws {
        let settings = try await PanelCommandSettings.load(panelOptions, databaseOption)
        let backend = settings.backend
        let database = try await settings.database.open("verdicts.panel")
        do {
            try await pick(backend: backend, database: database, workerLogger: settings.database.logger("verdicts.worker"))
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    private func pick(backend: PanelBackend, database: AppDatabase, workerLogger: Logger) async throws {
        let tools = try await CatalogQueries(database.sql).tools(slugs: slugs.map { $0.lowercased() })
        guard tools.count == 2 else {
            let missing = slugs.filter { slug in !tools.contains { $0.slug == slug.lowercased() } }
            throw CommandFailure("No tool has the slug \(missing.map { "'\($0)'" }.joined(separator: ", ")); nothing was asked.")
        }
        let queries = PairwiseQueries(database.sql)
        guard let run = try await queries.queue(tools[0].id, tools[1].id, backend: backend.name, model: backend.modelName) else {
            throw CommandFailure("The pairwise run could not be queued.")
        }
        print("Pairwise run \(run.id): \(tools[0].slug) and \(tools[1].slug), each persona asked twice (\(backend.modelName)).")
        let worker = PanelWorker(database: database, backend: backend, feed: nil, logger: workerLogger)
        while let current = try await queries.run(id: run.id), current.status == .queued || current.status == .running {
            if try await worker.workOne() == nil { try await Task.sleep(for: .milliseconds(500)) }
        }
        guard let finished = try await queries.run(id: run.id), finished.status == .complete else {
            throw CommandFailure("Pairwise run \(run.id) failed: \(try await queries.run(id: run.id)?.error ?? "unknown reason")")
        }
        guard let verdict = try await queries.verdict(tools[0].id, tools[1].id) else { return }
        let names = Dictionary(uniqueKeysWithValues: tools.map { ($0.id, $0.name) })
        for pick in verdict.picks {
            let untraced = pick.claims.filter { !$0.supported }.count
            print("  \(pick.personaName): \(pick.pick.flatMap { names[$0] } ?? "no clear pick (changed with the order)")\(untraced > 0 ? " (\(untraced) untraced claim(s) marked)" : "")")
        }
        print(verdict.label(names: names))
    }
}
