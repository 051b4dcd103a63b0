import Foundation
import Logging
import VerdictsCore

/// Periodic upkeep: signups never confirmed are forgotten after 7 days; used or expired sign-in
/// links and expired sessions are deleted.
actor Housekeeping {
    private let database: AppDatabase
    private let logger: Logger
    private var timer: Task<Void, Never>?
    /// The weekly digest schedule, stopped with the rest.
    private var schedule: DigestSchedule?

    init(database: AppDatabase, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    func start(interval: Duration = .seconds(3600)) {
        timer?.cancel()
        timer = Task { [weak self] in
            while !Task.isCancelled {
                await self?.run()
                try? await Task.sleep(for: interval)
            }
        }
    }

    func stop() async {
        timer?.cancel()
        timer = nil
        await schedule?.stop()
    }

    func keep(_ schedule: DigestSchedule) { self.schedule = schedule }

    func run() async {
        guard database.isOpen else { return }
        do {
            let purged = try await SubscriberQueries(database.sql).purgeUnconfirmed()
            if purged > 0 { logger.info("Forgot \(purged) newsletter signups that were not confirmed within 7 days.") }
            try await AccountQueries(database.sql).purgeExpired()
        } catch {
            logger.error("housekeeping failed: \(describe(error))")
        }
    }
}
