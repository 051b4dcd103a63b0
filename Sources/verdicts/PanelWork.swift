import Foundation
import Logging
import VerdictsCore
import VerdictsPanel

/// Works queued panel runs here until they finish, printing each review as it lands (for
/// `verdicts panel run` and `verdicts panel stability`).
enum PanelWork {
    static func run(_ runIds: [Int], tools: [ToolRow], backend: PanelBackend, database: AppDatabase, logger: Logger) async throws {
        let feed = PanelLiveFeed()
        let names = Dictionary(uniqueKeysWithValues: tools.map { ($0.id, $0.slug) })
        let printer = Task {
            await withTaskGroup(of: Void.self) { group in
                for tool in tools {
                    let events = feed.subscribe(toolId: tool.id)
                    group.addTask { await PanelProgress(tool: names[tool.id] ?? "").print(events) }
                }
            }
        }
        let worker = PanelWorker(database: database, backend: backend, feed: feed, logger: logger)
        let started = Date()
        try await worker.drain(runIds: runIds)
        try await Task.sleep(for: .milliseconds(50))
        printer.cancel()

        let runs = PanelRunQueries(database.sql)
        var failures: [String] = []
        for id in runIds {
            guard let run = try await runs.run(id: id) else { continue }
            if run.status == .failed { failures.append("run \(id) (\(names[run.toolId] ?? "?")): \(run.error ?? "failed")") }
        }
        print(String(format: "Finished %d run(s) in %.1f s.", runIds.count, Date().timeIntervalSince(started)))
        guard failures.isEmpty else { throw CommandFailure("Failed: " + failures.joined(separator: "; ")) }
    }
}
