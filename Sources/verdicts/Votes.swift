import ArgumentParser
import Foundation
import VerdictsCore

/// Vote moderation for operators, until the admin desk exists: read the audit trail, and void or
/// restore the votes of one voter or one address hash. Counts follow at once; the leaderboard at
/// its next refit (within a minute).
struct Votes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read the vote audit trail, and void or restore votes.",
        subcommands: [Audit.self, Void_.self, Restore.self])

    struct Target: ParsableArguments {
        @Option(help: "A voter key as the audit trail shows it (a:<id>).") var voter: String?
        @Option(help: "An address hash as the audit trail shows it.") var ipHash: String?

        func validate() throws {
            guard (voter == nil) != (ipHash == nil) else { throw ValidationError("Give exactly one of --voter or --ip-hash.") }
        }
    }

    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the newest votes, newest first.")
        @Option(help: "Only this voter.") var voter: String?
        @Option(help: "Only this address hash.") var ipHash: String?
        @Option(help: "How many entries.") var limit = 50
        @OptionGroup var databaseOption: DatabaseOption

        func run() async throws {
            let database = try await databaseOption.settings().open("verdicts.votes")
            let rows = try await VoteModeration(database.sql).audit(voter: voter, ipHash: ipHash, limit: max(1, min(limit, 10_000)))
            for row in rows {
                print("\(row.createdAt.formatted(.iso8601))  \(row.kind) \(row.target)  \(row.choice)  voter \(row.voter)  ip \(row.ipHash)")
            }
            if rows.isEmpty { print("No votes match.") }
            await database.shutdown()
        }
    }

    struct Void_: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "void", abstract: "Void every vote of a voter or an address hash.")
        @OptionGroup var target: Target
        @OptionGroup var databaseOption: DatabaseOption

        func run() async throws { try await Votes.setVoided(true, target, databaseOption) }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Restore votes voided earlier.")
        @OptionGroup var target: Target
        @OptionGroup var databaseOption: DatabaseOption

        func run() async throws { try await Votes.setVoided(false, target, databaseOption) }
    }

    static func setVoided(_ voided: Bool, _ target: Target, _ databaseOption: DatabaseOption) async throws {
        let database = try await databaseOption.settings().open("verdicts.votes")
        let changed = try await VoteModeration(database.sql).setVoided(voided, voter: target.voter, ipHash: target.ipHash)
        print(voided ? "Voided \(changed) votes." : "Restored \(changed) votes.")
        await database.shutdown()
    }
}
