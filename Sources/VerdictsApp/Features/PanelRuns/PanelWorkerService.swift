import Logging
import ServiceLifecycle
import VerdictsCore
import VerdictsPanel

/// A panel worker as a service: in `serve`, so a single-machine site needs no second process, and
/// in `verdicts worker`. On shutdown the worker stops claiming jobs and puts the one it is working
/// on back in the queue, where it resumes with the reviews already stored (`PanelWorker`).
public struct PanelWorkerService: Service, CustomStringConvertible {
    let worker: PanelWorker?
    let backend: PanelBackend?
    let logger: Logger
    public var description: String { "panel worker" }

    /// With no backend the service only waits for the shutdown: this process runs no panels.
    public init(database: AppDatabase, backend: PanelBackend?, logger: Logger) {
        self.worker = backend.map { PanelWorker(database: database, backend: $0, feed: nil, logger: logger) }
        (self.backend, self.logger) = (backend, logger)
    }

    public func run() async throws {
        guard let worker, let backend else {
            try? await gracefulShutdown()
            return
        }
        logger.info("Panel worker \(worker.name) running (\(backend.name), \(backend.modelName)).")
        await cancelWhenGracefulShutdown { await worker.run() }
        logger.info("Panel worker \(worker.name) stopped.")
    }
}
