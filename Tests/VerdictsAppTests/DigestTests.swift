import Foundation
import Hummingbird
import HummingbirdTesting
import Mail
import Testing
import TestSupport
@testable import VerdictsApp
import VerdictsCore

/// A transport that keeps what it is given and fails on the messages it is told to.
actor RecordingTransport: MailTransport {
    private(set) var delivered: [MailMessage] = []
    private var failures: [Int: any Error] = [:]
    private var attempts = 0

    /// The `n`th send (1-based) throws `error` instead of delivering.
    func fail(attempt n: Int, with error: any Error) { failures[n] = error }

    func send(_ message: MailMessage) async throws {
        attempts += 1
        if let error = failures[attempts] { throw error }
        delivered.append(message)
    }

    var recipients: [String] { delivered.map(\.to.email) }
}

@Suite("Weekly digest")
struct DigestTests {
    static func subscribe(_ emails: [String], confirm: Bool, _ db: AppDatabase) async throws {
        for email in emails {
            guard case .confirmationNeeded(let row) = try await SubscriberQueries(db.sql).signUp(email: email) else { continue }
            if confirm { _ = try await SubscriberQueries(db.sql).confirm(id: row.id) }
        }
    }

    @Test("the digest goes once to each confirmed subscriber, with one-click unsubscribe headers, and is published")
    func sendOnce() async throws {
        let transport = RecordingTransport()
        try await withSiteAndDatabase(mail: transport) { client, site, db, _ in
            try await Self.subscribe(["a@example.com", "b@example.com", "c@example.com"], confirm: true, db)
            try await Self.subscribe(["pending@example.com"], confirm: false, db)
            let week = IsoWeek(containing: Date())
            let first = try await site.sendDigest(week: week, pause: .zero)
            #expect(first.sentNow == 3)
            let second = try await site.sendDigest(week: week, pause: .zero)
            #expect(second.sentNow == 0, "nobody gets it twice")
            #expect(await transport.recipients.sorted() == ["a@example.com", "b@example.com", "c@example.com"])

            let message = try #require(await transport.delivered.first)
            let text = message.render()
            #expect(text.contains("\r\nList-Unsubscribe: <https://verdicts.test/newsletter/unsubscribe?token="))
            #expect(text.contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"))
            #expect(message.subject.hasPrefix("Weekly AI Tool Verdicts \(week):"))
            #expect(message.html?.contains("New verdicts") == true && message.text.contains("NEW VERDICTS"))
            #expect(!text.contains("%%UNSUBSCRIBE%%"))

            try await client.execute(uri: "/newsletter/archive", method: .get) { page in
                #expect(page.text.contains(#"href="/newsletter/\#(String(format: "%04d-w%02d", week.year, week.week))""#))
            }
            try await client.execute(uri: String(format: "/newsletter/%04d-w%02d", week.year, week.week), method: .get) { page in
                #expect(page.status == .ok)
                #expect(page.text.contains("Where the panel splits"))
                #expect(page.text.contains("https://verdicts.test/tools/"))
            }
            try await client.execute(uri: "/newsletter/2001-w01", method: .get) { page in #expect(page.status == .notFound) }
        }
    }

    @Test("a temporary failure is retried on the next run; a permanent one marks the address undeliverable")
    func failures() async throws {
        let transport = RecordingTransport()
        await transport.fail(attempt: 1, with: MailError.temporary("421 try later"))
        await transport.fail(attempt: 2, with: MailError.permanent("550 no such mailbox"))
        try await withSiteAndDatabase(mail: transport) { _, site, db, _ in
            try await Self.subscribe(["a@example.com", "b@example.com", "c@example.com"], confirm: true, db)
            let week = IsoWeek(containing: Date())
            let first = try await site.sendDigest(week: week, pause: .zero)
            #expect((first.sentNow, first.failedNow) == (1, 2))
            let second = try await site.sendDigest(week: week, pause: .zero)
            #expect(second.sentNow == 1, "the temporary failure goes out on the next run")
            #expect(second.totals["sent"] == 2 && second.totals["undeliverable"] == 1)
            #expect(Set(await transport.recipients).count == 2)
            #expect(try await SubscriberQueries(db.sql).subscriber(email: "b@example.com")?.status == .undeliverable)
        }
    }

    @Test("a run stopped mid-send resumes with no duplicates and no gaps")
    func resume() async throws {
        let transport = RecordingTransport()
        await transport.fail(attempt: 2, with: CancellationError())
        try await withSiteAndDatabase(mail: transport) { _, site, db, _ in
            try await Self.subscribe((1...5).map { "r\($0)@example.com" }, confirm: true, db)
            let week = IsoWeek(containing: Date())
            await #expect(throws: CancellationError.self) { try await site.sendDigest(week: week, pause: .zero) }
            #expect(await transport.delivered.count == 1)
            let resumed = try await site.sendDigest(week: week, pause: .zero)
            #expect(resumed.sentNow == 4)
            let recipients = await transport.recipients
            #expect(recipients.count == Set(recipients).count, "no duplicates")
            #expect(Set(recipients).count == 5, "no gaps")
        }
    }

    @Test("a message whose answer was lost after the final dot is never sent again")
    func uncertain() async throws {
        let transport = RecordingTransport()
        await transport.fail(attempt: 1, with: MailError.uncertain("answer lost"))
        try await withSiteAndDatabase(mail: transport) { _, site, db, _ in
            try await Self.subscribe(["a@example.com", "b@example.com"], confirm: true, db)
            let week = IsoWeek(containing: Date())
            _ = try await site.sendDigest(week: week, pause: .zero)
            let again = try await site.sendDigest(week: week, pause: .zero)
            #expect(again.sentNow == 0)
            #expect(again.totals["sent"] == 1 && again.totals["sending"] == 1)
        }
    }

    @Test("ISO weeks parse, and start on Monday in UTC")
    func weeks() throws {
        let week = try #require(IsoWeek(parsing: "2026-W47"))
        #expect(week.start.formatted(.iso8601) == "2026-11-16T00:00:00Z")
        #expect(week.end.timeIntervalSince(week.start) == 7 * 24 * 3600)
        #expect(IsoWeek(containing: week.start.addingTimeInterval(3600)) == week)
        #expect(IsoWeek(parsing: "2026-W54") == nil && IsoWeek(parsing: "nonsense") == nil)
        #expect(IsoWeek(parsing: "2026-w01") != nil)
    }
}

@Suite("Weekly digest schedule")
struct DigestScheduleTests {
    @Test("the slot falls on the configured weekday and hour of the week, in UTC")
    func slot() throws {
        let week = try #require(IsoWeek(parsing: "2026-W47"))
        #expect(DigestSlot(weekday: 1, hour: 8)?.due(in: week).formatted(.iso8601) == "2026-11-16T08:00:00Z")
        #expect(DigestSlot(weekday: 7, hour: 23)?.due(in: week).formatted(.iso8601) == "2026-11-22T23:00:00Z")
        #expect(DigestSlot(weekday: 0, hour: 8) == nil && DigestSlot(weekday: 1, hour: 24) == nil)
    }

    @Test("before its slot the schedule sends nothing; after it, the week's digest goes out once")
    func sendsAfterSlot() async throws {
        let transport = RecordingTransport()
        try await withSiteAndDatabase(mail: transport) { _, site, db, _ in
            try await DigestTests.subscribe(["a@example.com"], confirm: true, db)
            let week = IsoWeek(containing: Date())
            let slot = try #require(DigestSlot(weekday: 3, hour: 9))
            let schedule = DigestSchedule(site: site, slot: slot)
            await schedule.tick(now: slot.due(in: week).addingTimeInterval(-60))
            #expect(await transport.delivered.isEmpty)
            await schedule.tick(now: slot.due(in: week).addingTimeInterval(60))
            await schedule.tick(now: slot.due(in: week).addingTimeInterval(120))
            #expect(await transport.recipients == ["a@example.com"])
        }
    }
}
