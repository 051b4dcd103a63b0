import Foundation
import Hummingbird
import HummingbirdTesting
import Mail
import NIOConcurrencyHelpers
import SQLKit
import Testing
import TestSupport
import VerdictsApp
import VerdictsCatalog
import VerdictsCore

/// The queries behind the pages that must stay fast at 100,000 tools, as the database plans them:
/// each reads through an index, never a scan of a big table. On PostgreSQL the plan is read with
/// sequential scans priced out (`enable_seqscan = off`), so a query that has no usable index still
/// shows a `Seq Scan` and fails; on small test tables the planner would otherwise rightly prefer one.
@Suite("Query plans and statement counts") struct QueryPlanTests {
    static let bigTables = ["tools", "tool_votes", "matchup_votes", "reviews", "panel_runs", "vote_events"]

    /// A query the pages run, and the index its plan must name (nil: any index will do).
    struct Case: Sendable {
        let name: String
        let index: String?
        /// An index the plan must name on PostgreSQL only (SQLite answers from its own structure).
        var postgresIndex: String? = nil
        let run: @Sendable (any SQLDatabase, Fixture) async throws -> Void
    }

    struct Fixture: Sendable {
        let toolId: Int
        let otherId: Int
        let categoryId: Int
        let engine: DatabaseEngine
    }

    static let cases: [Case] = [
        Case(name: "a category's first tools by name (alternatives)", index: "tools_category_name") { sql, f in
            _ = try await CatalogQueries(sql).tools(categoryId: f.categoryId, limit: 13)
        },
        Case(name: "the catalog's first tools by name (compare picker)", index: "tools_name") { sql, _ in
            _ = try await CatalogQueries(sql).toolNames(limit: 202)
        },
        Case(name: "a category's first tool names (compare picker, related comparisons)", index: "tools_category_name") { sql, f in
            _ = try await CatalogQueries(sql).toolNames(categoryId: f.categoryId, limit: 202)
        },
        Case(name: "a tool by slug", index: nil) { sql, _ in _ = try await CatalogQueries(sql).tool(slug: "ollama") },
        Case(name: "two tools by slug (a comparison)", index: nil) { sql, _ in
            _ = try await CatalogQueries(sql).tools(slugs: ["ollama", "cursor"])
        },
        Case(name: "tool names by id", index: nil) { sql, f in _ = try await CatalogQueries(sql).toolNames(ids: [f.toolId, f.otherId]) },
        Case(name: "tools by id", index: nil) { sql, f in _ = try await CatalogQueries(sql).tools(ids: [f.toolId, f.otherId]) },
        Case(name: "the rivals a tool was answered against (related comparisons)", index: "matchup_votes_second") { sql, f in
            _ = try await VoteQueries(sql).answeredRivals(toolId: f.toolId, categoryId: f.categoryId, limit: 8)
        },
        Case(name: "one pair's answers", index: nil) { sql, f in
            _ = try await VoteQueries(sql).matchupCounts(toolA: f.toolId, toolB: f.otherId)
        },
        Case(name: "a tool's vote counts", index: "tool_votes_counts") { sql, f in
            _ = try await VoteQueries(sql).toolCounts(toolId: f.toolId)
        },
        Case(name: "a comparison's two tools' vote counts", index: "tool_votes_counts") { sql, f in
            _ = try await VoteQueries(sql).toolCounts(toolIds: [f.toolId, f.otherId])
        },
        Case(name: "a reader's votes on a comparison's two tools", index: nil) { sql, f in
            _ = try await VoteQueries(sql).toolVotes(toolIds: [f.toolId, f.otherId], voter: "a:someone")
        },
        Case(name: "whether a reader voted on the page's tools", index: nil) { sql, f in
            _ = try await VoteQueries(sql).hasVoted(voter: "a:someone", toolIds: [f.toolId, f.otherId])
        },
        Case(name: "a tool's latest panel", index: "panel_runs_tool_status") { sql, f in
            _ = try await PanelQueries(sql).latestPanel(toolId: f.toolId)
        },
        Case(name: "a comparison's two latest panels", index: "panel_runs_tool_status") { sql, f in
            _ = try await PanelQueries(sql).latestPanels(toolIds: [f.toolId, f.otherId])
        },
        // On SQLite the FTS5 table answers; on PostgreSQL the stored document's GIN index must,
        // since matching and ranking over an expression index rebuilt each row's document.
        Case(name: "a search for a word many tools share", index: nil, postgresIndex: "tools_search_document") { sql, f in
            _ = try await makeToolSearch(sql, engine: f.engine).search("swift", limit: 50)
        },
        Case(name: "the API's keyset page of tools", index: nil) { sql, f in
            _ = try await CatalogQueries(sql).tools(afterSlug: "m", categoryId: nil, pricing: nil, limit: 200)
        },
    ]

    @Test("every page query reads through an index", arguments: cases.map(\.name))
    func readsThroughAnIndex(_ name: String) async throws {
        let testCase = try #require(Self.cases.first { $0.name == name })
        try await TestDatabase.withFresh { db in
            let fixture = try await Self.fill(db, tools: 300)
            let sqlite = db.engine == .sqlite
            let plans = try await db.transaction { sql -> [String] in
                if !sqlite { try await sql.raw("SET LOCAL enable_seqscan = off").run() }
                let recorder = RecordingDatabase(sql)
                try await testCase.run(recorder, fixture)
                var plans: [String] = []
                for query in recorder.queries {
                    let lines = NIOLockedValueBox<[String]>([])
                    try await sql.execute(sql: Explained(query, sqlite: sqlite)) { row in
                        let line = (try? row.decode(column: sqlite ? "detail" : "QUERY PLAN", as: String.self)) ?? ""
                        lines.withLockedValue { $0.append(line) }
                    }
                    plans.append(lines.withLockedValue { $0 }.joined(separator: "\n"))
                }
                return plans
            }
            #expect(!plans.isEmpty)
            for plan in plans {
                for table in Self.bigTables {
                    let scan = sqlite ? plan.contains("SCAN \(table)\n") || plan.hasSuffix("SCAN \(table)") : plan.contains("Seq Scan on \(table) ")
                    #expect(!scan, "\(name) scans \(table):\n\(plan)")
                }
            }
            if let index = testCase.index ?? (sqlite ? nil : testCase.postgresIndex) {
                #expect(plans.contains { $0.contains(index) }, "\(name) does not use \(index):\n\(plans.joined(separator: "\n--\n"))")
            }
        }
    }

    @Test("the tool, comparison, category, persona, leaderboard, home and search pages and their documents run as many statements with 10 times the catalog")
    func noQueryPerTool() async throws {
        let small = try await Self.statementsPerPage(tools: 60)
        let large = try await Self.statementsPerPage(tools: 600)
        for (page, statements) in small {
            let more = large[page] ?? []
            #expect(statements.count == more.count, "\(page): \(statements.count) statements with 60 tools, \(more.count) with 600:\n\(more.joined(separator: "\n"))")
            #expect(statements.count <= 30, "\(page) runs \(statements.count) statements")
        }
        // The page and the document read the comparison through the same statements (`Comparison.read`);
        // the document adds each tool's alternatives, the page the reader's own votes.
        let page = Set(small["compare"] ?? []), document = Set(small["compare document"] ?? [])
        let shared = page.intersection(document)
        #expect(page.subtracting(shared).count <= 2 && document.subtracting(shared).count <= 2,
                "page only: \(page.subtracting(shared).sorted())\ndocument only: \(document.subtracting(shared).sorted())")
        // The other pages and their documents share one reading each (`ToolReading`, `CategoryReading`,
        // `PersonaReading`, `LeaderboardReading`): a document runs nothing its page does not.
        for name in ["tool", "category", "persona", "leaderboard"] {
            let page = Set(small[name] ?? []), document = Set(small["\(name) document"] ?? [])
            #expect(!document.isEmpty && document.isSubset(of: page), "\(name) document only: \(document.subtracting(page).sorted())")
        }
    }

    /// The demo catalog with synthetic tools (in categories of 20), votes and answers on top.
    static func fill(_ db: AppDatabase, tools: Int) async throws -> Fixture {
        try await CatalogImporter(database: db).importCatalog(at: Repository.demoCatalog)
        var generator = SyntheticCatalog(
            database: db, sizes: .init(tools: tools, reviews: tools * 4, votes: tools * 10, answers: tools * 4, toolsPerCategory: 20), seed: 7)
        let summary = try await generator.generate()
        let catalog = CatalogQueries(db.sql)
        let a = try #require(try await catalog.tool(slug: summary.hotPair.0))
        let b = try #require(try await catalog.tool(slug: summary.hotPair.1))
        return Fixture(toolId: a.id, otherId: b.id, categoryId: a.categoryId, engine: db.engine)
    }

    /// The SQL each page runs when rendered for a new reader, without the page cache.
    static func statementsPerPage(tools: Int) async throws -> [String: [String]] {
        let counter = StatementCounter()
        return try await TestDatabase.withFresh(logger: counter.logger) { db in
            _ = try await fill(db, tools: tools)
            let catalog = CatalogQueries(db.sql)
            let ids = try await VoteQueries(db.sql).popularPairs(limit: 1)
            let pair = try #require(ids.first)
            let a = try #require(try await catalog.tool(id: pair.0)), b = try #require(try await catalog.tool(id: pair.1))
            let (first, second) = a.slug < b.slug ? (a, b) : (b, a)
            let category = try #require(try await catalog.category(id: a.categoryId))
            let site = try await Site(
                database: db, baseURL: "https://verdicts.test", mail: OutboxTransport(folder: try Repository.temporaryFolder()),
                mailFrom: MailAddress("verdicts@verdicts.test", name: "Verdicts")!, cachesPages: false)
            let app = Application(router: buildRouter(site: site))
            let counts = NIOLockedValueBox<[String: [String]]>([:])
            try await app.test(.router) { client in
                let pages = ["tool": "/tools/\(a.slug)", "compare": "/compare/\(first.slug)-vs-\(second.slug)",
                             "category": "/categories/\(category.slug)", "home": "/", "search": "/search?q=agent",
                             "compare document": "/api/v1/compare/\(first.slug)/\(second.slug)",
                             "tool document": "/api/v1/tools/\(a.slug)", "category document": "/api/v1/categories/\(category.slug)",
                             "persona": "/personas/skeptic", "persona document": "/api/v1/personas/skeptic",
                             "leaderboard": "/leaderboard?category=\(category.slug)", "leaderboard document": "/api/v1/leaderboard?category=\(category.slug)"]
                for (name, path) in pages.sorted(by: { $0.key < $1.key }) {
                    // Twice: the first visit may start background work (the leaderboard's fit).
                    _ = try await client.execute(uri: path, method: .get)
                    try await Task.sleep(for: .milliseconds(100))
                    counter.reset()
                    let response = try await client.execute(uri: path, method: .get)
                    #expect(response.status == .ok, "\(path) answered \(response.status)")
                    counts.withLockedValue { $0[name] = counter.statements }
                }
            }
            await site.stopBackgroundWork()
            return counts.withLockedValue { $0 }
        }
    }
}
