import Foundation
import Logging
import VerdictsCore

/// The optional in-app weekly send: from the configured weekday and hour (UTC) on, each app
/// instance checks every minute and sends the week's digest to whoever has not had it. Several
/// instances may check at once; the send log's claims keep every message single.
public struct DigestSlot: Sendable, Equatable {
    /// 1 = Monday … 7 = Sunday, as in ISO 8601.
    public let weekday: Int
    public let hour: Int

    public init?(weekday: Int, hour: Int) {
        guard (1...7).contains(weekday), (0...23).contains(hour) else { return nil }
        (self.weekday, self.hour) = (weekday, hour)
    }

    /// When this week's send is due.
    public func due(in week: IsoWeek) -> Date {
        week.start.addingTimeInterval(Double((weekday - 1) * 24 + hour) * 3600)
    }
}

/// Checks, each minute (`Site.services`), whether this week's send is due, and sends it.
struct DigestSchedule: Sendable {
    let site: Site
    let slot: DigestSlot

    func tick(now: Date) async {
        let week = IsoWeek(containing: now)
        guard now >= slot.due(in: week), site.database.isOpen else { return }
        do {
            let report = try await site.sendDigest(week: week)
            if report.sentNow + report.failedNow > 0 { site.database.logger.info("Weekly digest: \(report)") }
        } catch {
            site.database.logger.error("weekly digest failed: \(describe(error))")
        }
    }
}
