import ArgumentParser
import Foundation
import VerdictsApp
import VerdictsCatalog
import VerdictsCore

/// `verdicts synth`: a catalog at benchmark scale in an empty database (scripts/bench runs it).
/// It imports the demo catalog first, for real personas and categories, then adds synthetic tools,
/// panel runs, votes and head-to-head answers, and writes the files the load generator reads.
struct Synth: AsyncParsableCommand, SettingFlags {
    static let configuration = CommandConfiguration(
        abstract: "Fill an empty database with a synthetic catalog at scale, for benchmarks.")

    @Option(help: "Tools in all, the demo catalog's included.") var tools = 100_000
    @Option(help: "Reviews in all (four personas make four per tool).") var reviews = 400_000
    @Option(help: "Ship/skip votes on tools.") var votes = 1_000_000
    @Option(help: "Head-to-head answers.") var answers = 200_000
    @Option(help: "The generator's seed: the same seed and sizes give the same catalog.") var seed: UInt64 = 20_261_202
    @Option(help: "The catalog imported first (env VERDICTS_CATALOG).") var catalog: String?
    @Option(help: "A folder for the load generator's inputs: tools.txt, voters.txt, search-terms.txt, hot-pair.txt.")
    var benchOut: String?
    @Option(help: "How many signed voters to write to voters.txt.") var voters = 5000
    @OptionGroup var databaseOption: DatabaseOption

    var flags: [Setting: String] { catalog.map { [.catalog: $0] } ?? [:] }

    func validate() throws {
        guard [tools, reviews, votes, answers].allSatisfy({ $0 >= 0 }), tools <= 2_000_000, votes <= 20_000_000, answers <= 5_000_000 else {
            throw ValidationError("Sizes are whole numbers: up to 2,000,000 tools, 20,000,000 votes and 5,000,000 answers.")
        }
        guard (1...1_000_000).contains(voters) else { throw ValidationError("--voters is from 1 to 1,000,000.") }
    }

    func run() async throws {
        let settings = try await CatalogCommandSettings.load(self, databaseOption)
        let database = try await settings.database.open("verdicts.synth")
        do {
            try await fill(database, catalog: settings.catalogPath)
        } catch {
            await database.shutdown()
            if let failure = error as? CommandFailure { throw failure }
            throw CommandFailure("The synthetic catalog could not be written: \(describe(error))")
        }
        await database.shutdown()
    }

    private func fill(_ database: AppDatabase, catalog path: String) async throws {
        guard try await CatalogQueries(database.sql).toolCount() == 0 else {
            throw CommandFailure("\(database.location) already has tools; synth fills an empty database only. Give --database a new file or an empty PostgreSQL database.")
        }
        let started = Date()
        do {
            _ = try await CatalogImporter(database: database).importCatalog(at: path)
        } catch let error as CatalogImportError {
            throw CommandFailure("The catalog at '\(path)' could not be imported first.\n\(error)")
        }
        var generator = SyntheticCatalog(
            database: database, sizes: .init(tools: tools, reviews: reviews, votes: votes, answers: answers), seed: seed)
        let summary = try await generator.generate { line in
            print("synth: \(line) (\(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
        }
        if let benchOut { try await writeBenchInputs(summary, database: database, folder: benchOut) }
        print("synth: done in \(String(format: "%.1f", Date().timeIntervalSince(started))) s: \(summary.tools) tools, \(summary.reviews) synthetic reviews, \(summary.votes) votes, \(summary.answers) answers.")
    }

    private func writeBenchInputs(_ summary: SyntheticCatalog.Summary, database: AppDatabase, folder: String) async throws {
        let url = URL(fileURLWithPath: folder)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let credentials = try await VoterCredentials.make(count: voters, database: database)
        let (a, b) = summary.hotPair
        let files = [
            "tools.txt": summary.slugs.joined(separator: "\n"),
            "voters.txt": credentials.map { "\($0.cookie)\t\($0.csrf)" }.joined(separator: "\n"),
            "search-terms.txt": summary.searchTerms.joined(separator: "\n"),
            "hot-pair.txt": SiteURL.compare(a, b).path,
        ]
        for (name, text) in files {
            try (text + "\n").write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        print("synth: wrote \(files.keys.sorted().joined(separator: ", ")) to \(folder)")
    }
}
