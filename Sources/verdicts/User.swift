import ArgumentParser
import Mail
import VerdictsCore

struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage accounts: give or take the admin role (the account is created if it does not exist).",
        subcommands: [GrantAdmin.self, RevokeAdmin.self])

    struct GrantAdmin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "grant-admin", abstract: "Let an account use the admin desk at /admin.")
        @Argument(help: "The account's email address.") var email: String
        @OptionGroup var databaseOption: DatabaseOption

        func run() async throws { try await User.setRole(.admin, email, databaseOption) }
    }

    struct RevokeAdmin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke-admin", abstract: "Make an admin a reader again.")
        @Argument(help: "The account's email address.") var email: String
        @OptionGroup var databaseOption: DatabaseOption

        func run() async throws { try await User.setRole(.reader, email, databaseOption) }
    }

    static func setRole(_ role: UserRole, _ email: String, _ databaseOption: DatabaseOption) async throws {
        guard let address = MailAddress(email.trimmingCharacters(in: .whitespaces)) else {
            throw CommandFailure("'\(email)' is not an email address.")
        }
        let database = try await databaseOption.settings().open("verdicts.user")
        do {
            let user = try await AccountQueries(database.sql).setRole(email: address.email, role)
            print(role == .admin
                ? "\(user.email) is an admin: sign in at /signin, then open /admin."
                : "\(user.email) is a reader.")
        } catch {
            await database.shutdown()
            throw CommandFailure("The role could not be changed: \(describe(error))")
        }
        await database.shutdown()
    }
}
