import ArgumentParser
import Foundation
import VerdictsCore
import VerdictsPanel

/// Asks the same panel again, in runs that are kept as stability runs and never replace the
/// verdict, then prints how far each persona's score moved and how often its call flipped.
struct PanelStability: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stability",
        abstract: "Ask the panel about tools again --runs times and report how stable each persona's score and call are.")

    @Argument(help: "Tool slugs.") var slugs: [String] = []
    @Flag(help: "Every tool with a model-written panel verdict.") var all = false
    @Option(help: "How many more times to ask the panel (1 to 20).") var runs = 3
    @OptionGroup var panelOptions: PanelOptions
    @OptionGroup var databaseOption: DatabaseOption

    func validate() throws {
        guard slugs.isEmpty != !all else { throw ValidationError("Name tool slugs, or give --all (one of them).") }
        guard (1...20).contains(runs) else { throw ValidationError("--runs must be from 1 to 20.") }
    }

    func run() async throws {
        let settings = try await PanelCommandSettings.load(panelOptions, databaseOption)
        let backend = settings.backend
        let database = try await settings.database.open("verdicts.panel")
        do {
            let tools = try await chosenTools(database)
            for round in 1...runs {
                print("Stability round \(round) of \(runs):")
                let ids = try await queue(tools, backend: backend, database: database)
                if !ids.isEmpty { try await PanelWork.run(ids, tools: tools, backend: backend, database: database, logger: settings.database.logger("verdicts.worker")) }
            }
            try await report(tools, database: database)
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    private func chosenTools(_ database: AppDatabase) async throws -> [ToolRow] {
        let catalog = CatalogQueries(database.sql)
        if all {
            let panels = try await PanelQueries(database.sql).latestPanels()
            let modelWritten = Set(panels.filter { $0.value.contains { $0.source == .model } }.keys)
            let tools = try await catalog.tools().filter { modelWritten.contains($0.id) }
            guard !tools.isEmpty else { throw CommandFailure("No tool has a model-written panel verdict yet; `verdicts panel run` writes one.") }
            return tools
        }
        let found = try await catalog.tools(slugs: slugs.map { $0.lowercased() })
        let unknown = slugs.filter { slug in !found.contains { $0.slug == slug.lowercased() } }
        guard unknown.isEmpty else {
            throw CommandFailure("No tool has the slug \(unknown.map { "'\($0)'" }.joined(separator: ", ")); nothing was asked.")
        }
        return found.sorted { $0.slug < $1.slug }
    }

    private func queue(_ tools: [ToolRow], backend: PanelBackend, database: AppDatabase) async throws -> [Int] {
        var ids: [Int] = []
        for tool in tools {
            let (run, isNew) = try await PanelRunQueries(database.sql).queueRun(
                toolId: tool.id, backend: backend.name, model: backend.modelName, purpose: .stability)
            guard isNew else {
                print("\(tool.slug) already has panel run \(run.id) \(run.status.rawValue); asking it again in the next round.")
                continue
            }
            ids.append(run.id)
        }
        return ids
    }

    private func report(_ tools: [ToolRow], database: AppDatabase) async throws {
        let panels = try await StabilityQueries(database.sql).attach(to: PanelQueries(database.sql).latestPanels(toolIds: tools.map(\.id)))
        for tool in tools {
            for review in panels[tool.id] ?? [] {
                guard let stability = review.stability else {
                    print("\(tool.slug) · \(review.personaSlug): no re-asks by \(review.model ?? "its writer") with prompt v\(review.promptVersion)")
                    continue
                }
                print(String(format: "%@ · %@: %d ± %.1f over %d re-asks, %d flipped", tool.slug, review.personaSlug, review.score,
                             stability.scoreSpread, stability.reasks, stability.flips))
            }
        }
        let summary = try await StabilityQueries(database.sql).summary()
        if let spread = summary.meanScoreSpread, let flips = summary.flipShare {
            print(String(format: "Catalog: %d tool and persona pairs on %d tools, %d re-asks: mean score spread ± %.1f, %.0f%% of calls flipped.",
                         summary.pairs, summary.tools, summary.reasks, spread, flips * 100))
        }
    }
}
