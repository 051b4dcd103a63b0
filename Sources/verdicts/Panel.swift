import ArgumentParser
import Foundation
import ServiceLifecycle
import VerdictsApp
import VerdictsCore
import VerdictsPanel

struct Panel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the AI reviewer panel and look at its runs.",
        subcommands: [PanelRun.self, PanelStability.self, PanelPairwise.self, PanelHistory.self, PanelPrefix.self, PanelClaims.self])
}

struct PanelRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Queue panel runs and work them here until they finish (a running server's worker may take some).")

    @Argument(help: "Tool slugs.") var slugs: [String] = []
    @Flag(help: "Every tool.") var all = false
    @Flag(help: "Tools whose panel is older than --days, missing a persona, or written with an older persona prompt.")
    var stale = false
    @Option(help: "With --stale: the age in days after which a panel is stale.") var days = 90
    @Flag(help: "Only queue the runs; a worker (verdicts serve or verdicts worker) runs them.") var queueOnly = false
    @OptionGroup var panelOptions: PanelOptions
    @OptionGroup var databaseOption: DatabaseOption

    func validate() throws {
        let modes = [!slugs.isEmpty, all, stale].filter { $0 }.count
        guard modes == 1 else { throw ValidationError("Name tool slugs, or give --all or --stale (one of them).") }
        guard days >= 0 else { throw ValidationError("--days must be 0 or more.") }
    }

    func run() async throws {
        let settings = try await PanelCommandSettings.load(panelOptions, databaseOption)
        let backend = settings.backend
        let logger = settings.database.logger("verdicts.panel")
        let database = try await settings.database.open(logger: logger)
        do {
            let tools = try await chosenTools(database)
            if tools.isEmpty {
                print("No tools need a panel run.")
            } else {
                let runIds = try await queue(tools, backend: backend, database: database)
                if !queueOnly {
                    if backend.kind == .local, await !backend.local.isAnswering() {
                        print("Starting the local model at \(backend.local.baseURL); the first time, scripts/local-llm installs it (about 5 minutes, compiling llama.cpp).")
                    }
                    try await PanelWork.run(runIds, tools: tools, backend: backend, database: database, logger: settings.database.logger("verdicts.worker"))
                }
            }
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    private func chosenTools(_ database: AppDatabase) async throws -> [ToolRow] {
        let catalog = CatalogQueries(database.sql)
        let everything = try await catalog.tools()
        if all { return everything }
        if stale {
            let ids = Set(try await PanelRunQueries(database.sql).staleToolIds(before: Date().addingTimeInterval(-Double(days) * 86_400)))
            return everything.filter { ids.contains($0.id) }
        }
        var chosen: [ToolRow] = []
        var unknown: [String] = []
        for slug in slugs {
            if let tool = everything.first(where: { $0.slug == slug.lowercased() }) { chosen.append(tool) } else { unknown.append(slug) }
        }
        guard unknown.isEmpty else {
            throw CommandFailure("No tool has the slug \(unknown.map { "'\($0)'" }.joined(separator: ", ")); nothing was queued. `verdicts export` lists the catalog.")
        }
        return chosen
    }

    private func queue(_ tools: [ToolRow], backend: PanelBackend, database: AppDatabase) async throws -> [Int] {
        let runs = PanelRunQueries(database.sql)
        var ids: [Int] = []
        for tool in tools {
            let (run, isNew) = try await runs.queueRun(toolId: tool.id, backend: backend.name, model: backend.modelName)
            print(isNew ? "Queued panel run \(run.id) for \(tool.slug) (\(backend.name), \(backend.modelName))."
                : "\(tool.slug) already has panel run \(run.id) \(run.status.rawValue); not queuing another.")
            ids.append(run.id)
        }
        return ids
    }
}

/// Prints a run's progress as it happens: each stored review with how long it took.
struct PanelProgress {
    let tool: String

    func print(_ events: AsyncStream<PanelEvent>) async {
        var since = Date()
        var runStart = Date()
        for await event in events {
            switch event {
            case .started(let runId):
                (since, runStart) = (Date(), Date())
                Swift.print("\(tool): run \(runId) started")
            case .retrying(_, let persona, let reason):
                Swift.print("  \(persona): asked again: \(reason)")
            case .reviewed(_, let review):
                let seconds = Date().timeIntervalSince(since)
                since = Date()
                Swift.print(String(format: "  %@: %@ %d (%.1f s, %@)", review.personaName, review.verdict.rawValue, review.score, seconds, review.model ?? "?"))
            case .finished(let runId, let status, let error):
                let seconds = Date().timeIntervalSince(runStart)
                Swift.print(String(format: "%@: run %d %@ after %.1f s%@", tool, runId, status.rawValue, seconds, error.map { ": \($0)" } ?? ""))
            case .writing:
                break
            }
        }
    }
}

struct PanelHistory: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List a tool's panel runs, newest first.")

    @Argument(help: "A tool slug.") var slug: String
    @OptionGroup var databaseOption: DatabaseOption

    func run() async throws {
        let database = try await databaseOption.settings().open("verdicts.panel")
        do {
            try await printHistory(database)
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    private func printHistory(_ database: AppDatabase) async throws {
        guard let tool = try await CatalogQueries(database.sql).tool(slug: slug.lowercased()) else {
            throw CommandFailure("No tool has the slug '\(slug)'.")
        }
        let queries = PanelRunQueries(database.sql)
        let runs = try await queries.runs(toolId: tool.id)
        let counts = try await queries.reviewCounts(runIds: runs.map(\.id))
        for run in runs {
            var line = "run \(run.id)  \(run.status.rawValue)  \(run.backend)  \(run.model ?? "-")  \(counts[run.id] ?? 0) review(s)  queued \(run.queuedAt)"
            line += "  tokens in \(run.inputTokens) out \(run.outputTokens) cache-write \(run.cacheCreationInputTokens) cache-read \(run.cacheReadInputTokens)"
            if let error = run.error { line += "  — \(error)" }
            print(line)
        }
        for persona in try await ReliabilityQueries(database.sql).calibration() where persona.isFlagged {
            print("calibration: \(persona.personaName) says ship to \(persona.ships) of \(persona.tools) tools in today's panel verdicts; flagged (more than 90% one way)")
        }
    }
}

/// The measurement the issue asks for: how many bytes of each Anthropic request are the cached
/// prefix, and proof that it does not change from tool to tool.
struct PanelPrefix: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prefix", abstract: "Print the size of each persona's cached Anthropic prompt prefix, checked across every tool.")

    @OptionGroup var databaseOption: DatabaseOption

    func run() async throws {
        let database = try await databaseOption.settings().open("verdicts.panel")
        do {
            let catalog = CatalogQueries(database.sql)
            let tools = try await catalog.tools()
            let categories = Dictionary(uniqueKeysWithValues: try await catalog.categories().map { ($0.id, $0.name) })
            for persona in try await catalog.personas() where persona.active {
                let prefixes = Set(tools.map { tool in
                    AnthropicRequest(model: "m", prompt: ReviewPromptBuilder.prompt(persona: persona, tool: tool, category: categories[tool.categoryId] ?? "")).cachedPrefix
                })
                let bytes = prefixes.first?.utf8.count ?? 0
                print("\(persona.slug): \(bytes) bytes (about \(bytes / 4) tokens), identical across \(tools.count) tools: \(prefixes.count == 1 ? "yes" : "NO")")
            }
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }
}

struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run queued panel runs until stopped (Ctrl-C or SIGTERM).")

    @OptionGroup var panelOptions: PanelOptions
    @OptionGroup var databaseOption: DatabaseOption

    func run() async throws {
        let settings = try await PanelCommandSettings.load(panelOptions, databaseOption)
        let backend = settings.backend
        let logger = settings.database.logger("verdicts.worker")
        let database = try await settings.database.open(logger: logger)
        logger.info("Taking panel runs from \(database.location)")
        // SIGTERM or SIGINT: the worker hands its job back to the queue and the database closes.
        let group = ServiceGroup(
            services: [PanelWorkerService(database: database, backend: backend, logger: logger)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        do { try await group.run() } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }
}
