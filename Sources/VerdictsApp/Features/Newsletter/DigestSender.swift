import Foundation
import Mail
import VerdictsCore

/// Sends a week's digest to every confirmed subscriber, each at most once: a send row is moved to
/// `sending` before its message leaves and to `sent` after. A run that is stopped marks the message
/// it was on for another try unless the message may already have arrived (a lost answer after the
/// final dot, or a `kill -9` mid-message): that row stays `sending` and is never sent again. The
/// next run carries on with the rest. Temporary failures are retried on later runs, up to 5 times.
public struct DigestReport: Sendable, CustomStringConvertible {
    public var issue: String
    public var sentNow = 0
    public var failedNow = 0
    public var totals: [String: Int] = [:]

    public var description: String {
        let labels = ["sent": "sent", "failed": "to retry", "undeliverable": "undeliverable", "pending": "pending",
                      "sending": "of unknown fate (never resent)"]
        let all = ["sent", "failed", "undeliverable", "pending", "sending"].compactMap { key in totals[key].map { "\($0) \(labels[key]!)" } }
        return "Digest \(issue): sent \(sentNow) now, \(failedNow) failed now. In all: \(all.isEmpty ? "no subscribers" : all.joined(separator: ", "))."
    }
}

extension Site {
    public static let maxSendAttempts = 5

    /// Writes (once) and publishes the digest of `week`, then sends it. `pause` spaces messages out.
    public func sendDigest(week: IsoWeek, pause: Duration = .milliseconds(20)) async throws -> DigestReport {
        let digests = DigestQueries(database.sql)
        let digest = try await storedDigest(week: week)
        try await digests.enqueueSends(digestId: digest.id)
        var report = DigestReport(issue: digest.issue)
        let runStart = clock.now
        while let send = try await digests.claimNext(digestId: digest.id, maxAttempts: Self.maxSendAttempts, runStart: runStart, now: clock.now) {
            guard let subscriber = try await SubscriberQueries(database.sql).subscriber(id: send.subscriberId),
                  let to = MailAddress(subscriber.email)
            else {
                try await digests.markFailed(sendId: send.id, subscriberId: send.subscriberId, error: "not an address", permanent: true)
                report.failedNow += 1
                continue
            }
            let message = digestMessage(digest, to: to, subscriber: subscriber)
            do {
                try await mail.send(message)
                try await digests.markSent(sendId: send.id, messageId: message.messageID, now: clock.now)
                report.sentNow += 1
            } catch MailError.uncertain(let text) {
                // It may have arrived: leave it `sending` (never resent) and say so in the report.
                try await digests.noteUncertain(sendId: send.id, error: text)
                report.failedNow += 1
            } catch let error as MailError {
                try await digests.markFailed(sendId: send.id, subscriberId: send.subscriberId, error: error.description, permanent: error.isPermanent)
                report.failedNow += 1
            } catch {
                // Stopped before the message was handed over (cancellation, say): try it on the next run.
                try? await digests.markFailed(sendId: send.id, subscriberId: send.subscriberId, error: "\(error)", permanent: false)
                throw error
            }
            try await Task.sleep(for: pause)
        }
        report.totals = try await digests.sendCounts(digestId: digest.id)
        return report
    }

    /// The week's digest as stored, composing and storing it the first time.
    public func storedDigest(week: IsoWeek) async throws -> DigestRow {
        let digests = DigestQueries(database.sql)
        if let existing = try await digests.digest(year: week.year, week: week.week) { return existing }
        let (subject, html, text) = try await DigestBuilder(site: self).build(week)
        return try await digests.create(year: week.year, week: week.week, subject: subject, html: html, text: text, now: clock.now)
    }

    func digestMessage(_ digest: DigestRow, to: MailAddress, subscriber: SubscriberRow) -> MailMessage {
        let unsubscribe = baseURL + unsubscribePath(for: subscriber)
        let html = "<!doctype html><html><body style=\"margin:0;background:#f7f8fb\">"
            + digest.html.replacingOccurrences(of: DigestBuilder.unsubscribeMarker, with: unsubscribe) + "</body></html>"
        return MailMessage(
            from: mailFrom, to: to, subject: digest.subject,
            text: digest.text.replacingOccurrences(of: DigestBuilder.unsubscribeMarker, with: unsubscribe), html: html,
            headers: [("List-Unsubscribe", "<\(unsubscribe)>"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                      ("List-Id", "Weekly AI Tool Verdicts <weekly.\(mailFrom.domain)>")])
    }
}
