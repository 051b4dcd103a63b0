import Logging
import VerdictsCore
import VerdictsPanel

/// The panel worker that runs inside `serve`, so a single-machine site needs no second process.
actor PanelWorkerService {
    private let database: AppDatabase
    private let backend: PanelBackend?
    private let logger: Logger
    private var task: Task<Void, Never>?

    init(database: AppDatabase, backend: PanelBackend?, logger: Logger) {
        (self.database, self.backend, self.logger) = (database, backend, logger)
    }

    func start() {
        guard task == nil, let backend else { return }
        let worker = PanelWorker(database: database, backend: backend, feed: nil, logger: logger)
        logger.info("Panel worker \(worker.name) running (\(backend.name), \(backend.modelName)).")
        task = Task { await worker.run() }
    }

    func stop() async {
        task?.cancel()
        await task?.value
        task = nil
    }
}
