import Foundation
import Logging
import VerdictsCore

/// Periodic upkeep, run hourly by `Site.services`: signups never confirmed are forgotten after
/// 7 days; used or expired sign-in links and expired sessions are deleted.
struct Housekeeping: Sendable {
    let database: AppDatabase
    let logger: Logger
    let clock: any SiteClock

    func run() async {
        guard database.isOpen else { return }
        do {
            let purged = try await SubscriberQueries(database.sql).purgeUnconfirmed(now: clock.now)
            if purged > 0 { logger.info("Forgot \(purged) newsletter signups that were not confirmed within 7 days.") }
            try await AccountQueries(database.sql).purgeExpired(now: clock.now)
        } catch {
            logger.error("housekeeping failed: \(describe(error))")
        }
    }
}
