import Foundation
import SQLKit
import Testing
import TestSupport
import VerdictsCore

/// The rules live in the schema, so a writer that bypasses the Swift code is held to them too.
@Suite("Schema constraints")
struct SchemaConstraintTests {
    /// One category, one tool, one persona and one run to hang rows on.
    func seed(_ db: AppDatabase) async throws {
        let now = Date()
        try await db.sql.raw("""
            INSERT INTO categories (slug, name, description, position, created_at, updated_at)
            VALUES ('llm-apis', 'LLM APIs', 'Hosted models.', 0, \(bind: now), \(bind: now))
            """).run()
        try await db.sql.raw(insertTool(slug: "gpt-4o", categoryId: 1, now: now)).run()
        try await db.sql.raw("""
            INSERT INTO personas (slug, name, motto, rewards, punishes, rubric, system_prompt, prompt_version, position, active, created_at, updated_at)
            VALUES ('builder', 'Builder', 'm', 'r', 'p', '[]', 'prompt', 1, 0, TRUE, \(bind: now), \(bind: now))
            """).run()
        try await db.sql.raw("""
            INSERT INTO panel_runs (tool_id, backend, status, queued_at) VALUES (1, 'editorial', 'complete', \(bind: now))
            """).run()
    }

    func insertTool(slug: String, categoryId: Int, now: Date, pricing: String = "paid") -> SQLQueryString {
        """
        INSERT INTO tools (slug, name, vendor, category_id, tagline, best_for, description, pricing_model, pricing,
            entry_price, website, launched_on, license, status, created_at, updated_at)
        VALUES (\(bind: slug), 'GPT-4o', 'OpenAI', \(bind: categoryId), 't', 'b', 'd', \(bind: pricing), 'p', 'e',
            'https://openai.com', '2024-05-13', 'Proprietary', 'active', \(bind: now), \(bind: now))
        """
    }

    func review(score: Int, verdict: String = "ship") -> SQLQueryString {
        """
        INSERT INTO reviews (run_id, persona_id, score, verdict, text, source, prompt_version, created_at)
        VALUES (1, 1, \(bind: score), \(bind: verdict), 'A review.', 'editorial', 1, \(bind: Date()))
        """
    }

    @Test("a score outside 0–100 is refused by the database")
    func scoreRange() async throws {
        try await TestDatabase.withFresh { db in
            try await seed(db)
            await #expect(throws: (any Error).self) { try await db.sql.raw(review(score: 150)).run() }
            await #expect(throws: (any Error).self) { try await db.sql.raw(review(score: -1)).run() }
            try await db.sql.raw(review(score: 100)).run()
        }
    }

    @Test("a verdict other than ship or skip is refused")
    func verdictEnum() async throws {
        try await TestDatabase.withFresh { db in
            try await seed(db)
            await #expect(throws: (any Error).self) { try await db.sql.raw(review(score: 50, verdict: "maybe")).run() }
        }
    }

    @Test("slugs are unique and pricing models are a closed list")
    func toolRules() async throws {
        try await TestDatabase.withFresh { db in
            try await seed(db)
            await #expect(throws: (any Error).self) { try await db.sql.raw(insertTool(slug: "gpt-4o", categoryId: 1, now: Date())).run() }
            await #expect(throws: (any Error).self) {
                try await db.sql.raw(insertTool(slug: "other", categoryId: 1, now: Date(), pricing: "cheap")).run()
            }
        }
    }

    @Test("a tool must belong to an existing category")
    func foreignKeys() async throws {
        try await TestDatabase.withFresh { db in
            try await seed(db)
            await #expect(throws: (any Error).self) { try await db.sql.raw(insertTool(slug: "orphan", categoryId: 99, now: Date())).run() }
        }
    }

    @Test("one vote per voter per tool, and one review per persona per run")
    func oneVotePerVoter() async throws {
        try await TestDatabase.withFresh { db in
            try await seed(db)
            let vote: SQLQueryString = """
                INSERT INTO tool_votes (tool_id, voter, choice, ip_hash, user_agent_hash, created_at, updated_at)
                VALUES (1, 'a:voter-1', 'ship', 'ip', 'ua', \(bind: Date()), \(bind: Date()))
                """
            try await db.sql.raw(vote).run()
            await #expect(throws: (any Error).self) { try await db.sql.raw(vote).run() }
            try await db.sql.raw(review(score: 70)).run()
            await #expect(throws: (any Error).self) { try await db.sql.raw(review(score: 71)).run() }
        }
    }

    @Test("a head-to-head answer stores its pair in order, once per voter")
    func matchupOrder() async throws {
        try await TestDatabase.withFresh { db in
            try await seed(db)
            try await db.sql.raw(insertTool(slug: "claude-4-sonnet", categoryId: 1, now: Date())).run()
            let reversed: SQLQueryString = """
                INSERT INTO matchup_votes (tool_a_id, tool_b_id, voter, choice, ip_hash, user_agent_hash, created_at, updated_at)
                VALUES (2, 1, 'a:v', 'a', 'ip', 'ua', \(bind: Date()), \(bind: Date()))
                """
            await #expect(throws: (any Error).self) { try await db.sql.raw(reversed).run() }
        }
    }
}
