import ArgumentParser
import VerdictsCore

/// The claim check applied to the editorial reviews, as a report: the demo catalog is held to the
/// same standard as a model's reviews.
struct PanelClaims: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Check every number, price, date and version in the editorial reviews against the catalog's facts.")

    @Flag(help: "List traced claims too, not only the untraced ones.") var all = false
    @Flag(help: "Exit with status 1 when any claim is untraced.") var strict = false
    @OptionGroup var databaseOption: DatabaseOption

    func run() async throws {
        let database = try await databaseOption.settings().open("verdicts.panel")
        let reports: [ReviewClaimReport]
        do {
            reports = try await ClaimQueries(database.sql).recheckEditorial()
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
        guard !reports.isEmpty else {
            print("No editorial reviews to check; `verdicts import catalog` loads the demo catalog's.")
            return
        }
        for report in reports {
            let shown = all ? report.claims : report.claims.filter { !$0.supported }
            guard !shown.isEmpty else { continue }
            let list = shown.map { "\($0.supported ? "traced" : "UNTRACED") \($0.kind.rawValue) \"\($0.text)\"" }
            print("\(report.toolSlug) · \(report.personaSlug): " + list.joined(separator: "; "))
        }
        let claims = reports.flatMap(\.claims)
        let untraced = claims.filter { !$0.supported }.count
        let reviewsWithUntraced = reports.filter { $0.claims.contains { !$0.supported } }.count
        print("\(reports.count) editorial reviews, \(claims.count) claims: \(claims.count - untraced) traced, \(untraced) untraced in \(reviewsWithUntraced) reviews.")
        if strict && untraced > 0 { throw ExitCode(1) }
    }
}
