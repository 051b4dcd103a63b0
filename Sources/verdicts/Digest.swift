import ArgumentParser
import Foundation
import VerdictsApp
import VerdictsCore

/// `verdicts digest send [--week 2026-W47]`: writes, publishes and sends the weekly digest.
struct Digest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The weekly digest newsletter.", subcommands: [Send.self])

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write and publish the week's digest, then send it to every confirmed subscriber who has not had it.",
            discussion: "Safe to run again: each subscriber gets an issue at most once, and a run that was stopped carries on where it left off.")

        @Option(help: "The ISO week, e.g. 2026-W47 (default: the current week).") var week: String?
        @OptionGroup var siteOptions: SiteOptions

        func run() async throws {
            let target: IsoWeek
            if let week {
                guard let parsed = IsoWeek(parsing: week) else {
                    throw ValidationError("'\(week)' is not an ISO week; write it like 2026-W47.")
                }
                target = parsed
            } else {
                target = IsoWeek(containing: Date())
            }
            let (site, database) = try await MailCommandSettings.load(siteOptions).openSite("verdicts.digest")
            do {
                print(try await site.sendDigest(week: target))
            } catch {
                await database.shutdown()
                throw CommandFailure("The digest could not be sent: \(describe(error))")
            }
            await database.shutdown()
        }
    }
}
