import Foundation
import SQLKit

/// A catalog at the scale the benchmarks need (100,000 tools and more), written straight into the
/// tables in multi-row inserts. It goes beside an imported catalog, whose personas it reuses, so
/// every page renders as it would on a real site. Text comes from small word lists with a seeded
/// generator: the same sizes and seed give the same database.
public struct SyntheticCatalog {
    public struct Sizes: Sendable {
        public var tools: Int
        public var reviews: Int
        public var votes: Int
        public var answers: Int
        /// Tools per synthetic category.
        public var toolsPerCategory: Int

        public init(tools: Int, reviews: Int, votes: Int, answers: Int, toolsPerCategory: Int = 1000) {
            (self.tools, self.reviews, self.votes, self.answers) = (tools, reviews, votes, answers)
            self.toolsPerCategory = max(2, toolsPerCategory)
        }
    }

    /// What was written, for the command's report and the benchmark's inputs.
    public struct Summary: Sendable {
        public var tools = 0, categories = 0, runs = 0, reviews = 0, votes = 0, answers = 0
        /// The slugs of every tool, synthetic and imported, in id order.
        public var slugs: [String] = []
        /// The most answered pair: the benchmark's hot comparison.
        public var hotPair: (String, String) = ("", "")
        public var searchTerms: [String] = []
    }

    let database: AppDatabase
    let sizes: Sizes
    var random: SplitMix64
    /// Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
    static let batch = 500

    public init(database: AppDatabase, sizes: Sizes, seed: UInt64) {
        (self.database, self.sizes, self.random) = (database, sizes, SplitMix64(seed: seed))
    }

    /// Writes the synthetic rows. `progress` hears one line per table.
    public mutating func generate(progress: (String) -> Void = { _ in }) async throws -> Summary {
        let sql = database.sql
        var summary = Summary()
        let existing: [ToolRow] = try await sql.rows("SELECT \(unsafeRaw: ToolRow.columns) FROM tools ORDER BY id")
        let personas = try await CatalogQueries(sql).personas()
        guard !personas.isEmpty else { throw SyntheticCatalogError.noPersonas }
        let synthetic = max(0, sizes.tools - existing.count)
        let firstToolId = (existing.map(\.id).max() ?? 0) + 1
        let categoryIds = try await writeCategories(count: (synthetic + sizes.toolsPerCategory - 1) / sizes.toolsPerCategory)
        summary.categories = categoryIds.count
        try await writeTools(count: synthetic, firstId: firstToolId, categoryIds: categoryIds)
        summary.tools = existing.count + synthetic
        summary.slugs = existing.map(\.slug) + (0..<synthetic).map(Self.slug)
        progress("tools: \(summary.tools) in \(summary.categories) new categories")
        let toolIds = existing.map(\.id) + (0..<synthetic).map { firstToolId + $0 }
        let categoryOf = Dictionary(uniqueKeysWithValues: existing.map { ($0.id, $0.categoryId) }
            + (0..<synthetic).map { (firstToolId + $0, categoryIds[$0 / sizes.toolsPerCategory]) })
        (summary.runs, summary.reviews) = try await writePanels(toolIds: Array(toolIds.suffix(synthetic)), personas: personas)
        progress("panel runs: \(summary.runs), reviews: \(summary.reviews)")
        summary.votes = try await writeToolVotes(toolIds: toolIds)
        progress("tool votes: \(summary.votes) (and as many audit events)")
        let (answers, hot) = try await writeAnswers(toolIds: toolIds, categoryOf: categoryOf)
        summary.answers = answers
        let slugOf = Dictionary(uniqueKeysWithValues: zip(toolIds, summary.slugs))
        summary.hotPair = (slugOf[hot.0] ?? "", slugOf[hot.1] ?? "")
        progress("head-to-head answers: \(summary.answers)")
        try await advanceSequences()
        summary.searchTerms = Self.adjectives + Self.nouns
        return summary
    }

    static func slug(_ index: Int) -> String { "tool-" + String(format: "%06d", index + 1) }

    private func writeCategories(count: Int) async throws -> [Int] {
        let sql = database.sql
        let start = try await sql.count("SELECT COALESCE(MAX(position), 0) AS n FROM categories") + 1
        var ids: [Int] = []
        let now = Date()
        for index in 0..<count {
            let row = try await sql.raw("""
                INSERT INTO categories (slug, name, description, position, created_at, updated_at)
                VALUES (\(bind: "synthetic-\(index + 1)"), \(bind: "Synthetic \(index + 1)"),
                    \(bind: "Generated tools for measuring the site at scale."), \(bind: start + index), \(bind: now), \(bind: now))
                RETURNING id
                """).first()
            ids.append(try row!.decode(column: "id", as: Int.self))
        }
        return ids
    }

    private mutating func writeTools(count: Int, firstId: Int, categoryIds: [Int]) async throws {
        let columns = ["id", "slug", "name", "vendor", "category_id", "tagline", "best_for", "description", "pricing_model",
                       "pricing", "entry_price", "website", "launched_on", "license", "status", "context_window", "created_at", "updated_at"]
        let models = ["free", "freemium", "paid", "open-weights"]
        let now = Date()
        let perCategory = sizes.toolsPerCategory
        try await insertRows(into: "tools", columns: columns, count: count) { index, random in
            let adjective = Self.adjectives[random.below(Self.adjectives.count)]
            let noun = Self.nouns[random.below(Self.nouns.count)]
            let vendor = Self.vendors[random.below(Self.vendors.count)]
            let model = models[random.below(models.count)]
            let name = "\(adjective.capitalized) \(noun.capitalized) \(index + 1)"
            let context: Int? = random.below(3) == 0 ? nil : 8192 << random.below(6)
            return [firstId + index, Self.slug(index), name, vendor, categoryIds[index / perCategory],
                    "A \(adjective) \(noun) for teams that ship with AI.", "Teams who want a \(adjective) \(noun).",
                    "\(name) by \(vendor): a \(adjective) \(noun) that \(Self.verbs[random.below(Self.verbs.count)]) your \(Self.nouns[random.below(Self.nouns.count)]).",
                    model, model == "free" ? "Free." : "From $\(5 + random.below(95)) a month.", model == "free" ? "$0" : "$\(5 + random.below(95))/mo",
                    "https://example.com/\(Self.slug(index))", String(format: "20%02d-%02d-%02d", 18 + random.below(8), 1 + random.below(12), 1 + random.below(28)),
                    model == "open-weights" ? "Apache-2.0" : "Proprietary", "active", context, now, now]
        }
    }

    /// One complete editorial run per tool, one review per persona, until the review count is reached.
    private mutating func writePanels(toolIds: [Int], personas: [PersonaRow]) async throws -> (runs: Int, reviews: Int) {
        let sql = database.sql
        let runCount = min(toolIds.count, sizes.reviews / personas.count)
        guard runCount > 0 else { return (0, 0) }
        let firstRunId = try await sql.count("SELECT COALESCE(MAX(id), 0) AS n FROM panel_runs") + 1
        let now = Date()
        try await insertRows(into: "panel_runs", columns: ["id", "tool_id", "backend", "status", "attempts", "queued_at", "started_at", "finished_at"],
                             count: runCount) { index, _ in
            [firstRunId + index, toolIds[index], "editorial", "complete", 1, now, now, now]
        }
        let columns = ["run_id", "persona_id", "score", "verdict", "text", "source", "prompt_version", "created_at"]
        try await insertRows(into: "reviews", columns: columns, count: runCount * personas.count) { index, random in
            let persona = personas[index % personas.count]
            let score = 20 + random.below(75)
            let adjective = Self.adjectives[random.below(Self.adjectives.count)], noun = Self.nouns[random.below(Self.nouns.count)]
            let text = "\(persona.name) on this tool: the \(noun) is \(adjective), and it \(Self.verbs[random.below(Self.verbs.count)]) the work we tried. "
                + (score >= 60 ? "Worth shipping with for most teams." : "Not yet ready for a team that depends on it.")
            return [firstRunId + index / personas.count, persona.id, score, score >= 60 ? "ship" : "skip", text, "editorial", persona.promptVersion, now]
        }
        return (runCount, runCount * personas.count)
    }

    /// Votes lean towards a few popular tools, as real traffic does; each voter votes once.
    private mutating func writeToolVotes(toolIds: [Int]) async throws -> Int {
        let now = Date()
        let columns = ["tool_id", "voter", "choice", "ip_hash", "user_agent_hash", "voided", "created_at", "updated_at"]
        var choices: [(Int, String)] = []
        choices.reserveCapacity(sizes.votes)
        for _ in 0..<sizes.votes {
            choices.append((toolIds[random.skewed(toolIds.count)], random.below(3) == 0 ? "skip" : "ship"))
        }
        try await insertRows(into: "tool_votes", columns: columns, count: sizes.votes) { index, _ in
            [choices[index].0, "a:synthetic-\(index)", choices[index].1, "synthetic", "synthetic", false, now, now]
        }
        try await insertRows(into: "vote_events", columns: ["kind", "target", "voter", "choice", "ip_hash", "user_agent_hash", "created_at"],
                             count: sizes.votes) { index, _ in
            ["tool", String(choices[index].0), "a:synthetic-\(index)", choices[index].1, "synthetic", "synthetic", now]
        }
        return sizes.votes
    }

    /// Answers compare tools inside one category, mostly popular ones; a tenth go to one hot pair.
    private mutating func writeAnswers(toolIds: [Int], categoryOf: [Int: Int]) async throws -> (Int, (Int, Int)) {
        let byCategory = Dictionary(grouping: toolIds, by: { categoryOf[$0] ?? 0 }).values.filter { $0.count >= 2 }.sorted { $0[0] < $1[0] }
        guard !byCategory.isEmpty, sizes.answers > 0 else { return (0, (toolIds.first ?? 0, toolIds.dropFirst().first ?? 0)) }
        let hot = (byCategory[0][0], byCategory[0][1])
        var pairs: [(Int, Int, String)] = []
        pairs.reserveCapacity(sizes.answers)
        for index in 0..<sizes.answers {
            var (a, b) = hot
            if index % 10 != 0 {
                let group = byCategory[random.below(byCategory.count)]
                a = group[random.skewed(group.count)]
                repeat { b = group[random.below(group.count)] } while b == a
            }
            pairs.append((min(a, b), max(a, b), ["a", "b", "tie"][random.below(3)]))
        }
        let now = Date()
        let columns = ["tool_a_id", "tool_b_id", "voter", "choice", "ip_hash", "user_agent_hash", "voided", "created_at", "updated_at"]
        try await insertRows(into: "matchup_votes", columns: columns, count: pairs.count) { index, _ in
            [pairs[index].0, pairs[index].1, "a:synthetic-answer-\(index)", pairs[index].2, "synthetic", "synthetic", false, now, now]
        }
        return (pairs.count, hot)
    }

    /// PostgreSQL's identity columns do not notice explicit ids; move them past the rows written.
    private func advanceSequences() async throws {
        guard database.engine == .postgres else { return }
        for table in ["tools", "panel_runs"] {
            try await database.sql.raw("""
                SELECT setval(pg_get_serial_sequence('\(unsafeRaw: table)', 'id'), (SELECT MAX(id) FROM \(unsafeRaw: table)))
                """).run()
        }
    }

    /// Inserts `count` rows made by `row`, `batch` to a statement, each thousand statements in a transaction.
    private mutating func insertRows(
        into table: String, columns: [String], count: Int,
        row: (Int, inout SplitMix64) -> [any Encodable & Sendable]
    ) async throws {
        var start = 0
        while start < count {
            let end = min(count, start + Self.batch * 40)
            var statements: [[[any Encodable & Sendable]]] = []
            var index = start
            while index < end {
                let stop = min(end, index + Self.batch)
                statements.append((index..<stop).map { row($0, &random) })
                index = stop
            }
            let ready = statements
            try await database.transaction { sql in
                for rows in ready {
                    var insert = sql.insert(into: table).columns(columns)
                    for values in rows { insert = insert.values(values) }
                    try await insert.run()
                }
            }
            start = end
        }
    }

    static let adjectives = ["swift", "quiet", "bright", "steady", "clever", "nimble", "solid", "lucid", "rapid", "gentle",
                             "bold", "keen", "crisp", "frugal", "open", "secure", "tiny", "vast", "local", "hosted"]
    static let nouns = ["forge", "pilot", "lens", "relay", "atlas", "beacon", "canvas", "engine", "harbor", "compass",
                        "loom", "prism", "quarry", "signal", "studio", "vault", "agent", "router", "index", "scribe"]
    static let verbs = ["speeds up", "checks", "writes", "reviews", "summarises", "tests", "routes", "indexes", "explains", "translates"]
    static let vendors = ["Acme Labs", "Northwind AI", "Blue Fjord", "Copperline", "Tall Pines", "Orbit Works", "Kestrel", "Lumen Co"]
}

public enum SyntheticCatalogError: Error, CustomStringConvertible {
    case noPersonas

    public var description: String {
        "The database has no reviewer personas; import a catalog first (`verdicts import catalog`)."
    }
}

/// The generator's draws, on the seeded generator the bootstrap uses.
extension SplitMix64 {
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }

    /// Low indexes far more often than high ones (the square of a uniform number).
    mutating func skewed(_ bound: Int) -> Int {
        let u = Double(next() >> 11) / Double(1 << 53)
        return min(bound - 1, Int(u * u * Double(bound)))
    }
}
