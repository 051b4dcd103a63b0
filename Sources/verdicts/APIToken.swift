import ArgumentParser
import Foundation
import VerdictsCore

/// API tokens for integrations that vote through the public API. The secret is printed once, at
/// creation; the database keeps only its hash.
struct APIToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-token",
        abstract: "Create, list and revoke the API tokens that integrations vote with.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print its secret (shown this once).")
        @Argument(help: "What the token is for, e.g. 'Slack bot' (1–80 characters).") var name: String
        @OptionGroup var databaseOption: DatabaseOption

        func run() async throws {
            guard let label = APITokenQueries.name(name) else {
                throw CommandFailure("A token's name is 1 to 80 characters on one line, such as 'Slack bot'.")
            }
            let (row, secret) = try await APIToken.withTokens(databaseOption) { try await $0.create(name: label, createdBy: "command line") }
            print("Created API token \(row.id) '\(row.name)'. Its secret, shown only now:\n\(secret)")
            print("Send it as 'Authorization: Bearer <secret>'; revoke it with `verdicts api-token revoke \(row.id)`.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every token, newest first, revoked ones marked.")
        @OptionGroup var databaseOption: DatabaseOption

        func run() async throws {
            let rows = try await APIToken.withTokens(databaseOption) { try await $0.all() }
            if rows.isEmpty { print("No API tokens yet; create one with `verdicts api-token create <name>`.") }
            for row in rows {
                let state = row.revokedAt.map { "revoked \($0.formatted(.iso8601))" }
                    ?? row.lastUsedAt.map { "last used \($0.formatted(.iso8601))" } ?? "never used"
                print("\(row.id)\t\(row.hint)…\t\(row.name)\tcreated \(row.createdAt.formatted(.iso8601)) by \(row.createdBy)\t\(state)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token at once, on every instance; its votes stay counted.")
        @Argument(help: "The token's id, as `verdicts api-token list` shows it.") var id: Int
        @OptionGroup var databaseOption: DatabaseOption

        func run() async throws {
            guard try await APIToken.withTokens(databaseOption, { try await $0.revoke(id: id) }) else {
                throw CommandFailure("There is no live API token \(id); `verdicts api-token list` shows them.")
            }
            print("Revoked API token \(id).")
        }
    }

    static func withTokens<T>(_ option: DatabaseOption, _ body: (APITokenQueries) async throws -> T) async throws -> T {
        let database = try await option.settings().open("verdicts.api-token")
        do {
            let result = try await body(APITokenQueries(database.sql))
            await database.shutdown()
            return result
        } catch {
            await database.shutdown()
            throw CommandFailure("The API tokens could not be changed: \(describe(error))")
        }
    }
}
