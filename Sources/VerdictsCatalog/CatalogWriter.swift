import Foundation
import SQLKit
import VerdictsCore

/// The writes of one import, inside its transaction. Each upsert compares with the stored row first,
/// so re-importing the same files touches nothing (not even `updated_at`).
struct CatalogWriter {
    let sql: any SQLDatabase
    let now: Date

    func upsert(_ c: CategoryInput, position: Int) async throws -> ImportReport.Outcome {
        let queries = CatalogQueries(sql)
        guard let old = try await queries.categories().first(where: { $0.slug == c.slug }) else {
            try await sql.raw("""
                INSERT INTO categories (slug, name, description, position, created_at, updated_at)
                VALUES (\(bind: c.slug), \(bind: c.name), \(bind: c.description), \(bind: position), \(bind: now), \(bind: now))
                """).run()
            return .created
        }
        guard (old.name, old.description, old.position) != (c.name, c.description, position) else { return .unchanged }
        try await sql.raw("""
            UPDATE categories SET name = \(bind: c.name), description = \(bind: c.description),
                position = \(bind: position), updated_at = \(bind: now)
            WHERE id = \(bind: old.id)
            """).run()
        return .updated
    }

    func upsert(_ p: PersonaInput, position: Int) async throws -> ImportReport.Outcome {
        let rubric = PersonaRow.encodeRubric(p.rubric)
        guard let old = try await CatalogQueries(sql).personas().first(where: { $0.slug == p.slug }) else {
            try await sql.raw("""
                INSERT INTO personas (slug, name, motto, rewards, punishes, rubric, system_prompt, prompt_version,
                    position, active, created_at, updated_at)
                VALUES (\(bind: p.slug), \(bind: p.name), \(bind: p.motto), \(bind: p.rewards), \(bind: p.punishes),
                    \(bind: rubric), \(bind: p.systemPrompt), 1, \(bind: position), TRUE, \(bind: now), \(bind: now))
                """).run()
            return .created
        }
        // A new prompt or rubric is a new prompt version; reviews keep the version that wrote them.
        let promptChanged = old.systemPrompt != p.systemPrompt || old.rubricQuestions != p.rubric
        let version = old.promptVersion + (promptChanged ? 1 : 0)
        let same = (old.name, old.motto, old.rewards, old.punishes, old.position) == (p.name, p.motto, p.rewards, p.punishes, position)
        guard promptChanged || !same else { return .unchanged }
        try await sql.raw("""
            UPDATE personas SET name = \(bind: p.name), motto = \(bind: p.motto), rewards = \(bind: p.rewards),
                punishes = \(bind: p.punishes), rubric = \(bind: rubric), system_prompt = \(bind: p.systemPrompt),
                prompt_version = \(bind: version), position = \(bind: position), updated_at = \(bind: now)
            WHERE id = \(bind: old.id)
            """).run()
        return .updated
    }

    func upsert(_ t: ToolInput, categoryId: Int) async throws -> (ImportReport.Outcome, Int) {
        guard let old = try await CatalogQueries(sql).tool(slug: t.slug) else {
            let row = try await sql.raw("""
                INSERT INTO tools (slug, name, vendor, category_id, tagline, best_for, description, pricing_model,
                    pricing, entry_price, website, launched_on, license, status, context_window, created_at, updated_at)
                VALUES (\(bind: t.slug), \(bind: t.name), \(bind: t.vendor), \(bind: categoryId), \(bind: t.tagline),
                    \(bind: t.bestFor), \(bind: t.description), \(bind: t.pricingModel.rawValue), \(bind: t.pricing),
                    \(bind: t.entryPrice), \(bind: t.website), \(bind: t.launchedOn), \(bind: t.license),
                    \(bind: t.status.rawValue), \(bind: t.contextWindow), \(bind: now), \(bind: now))
                RETURNING id
                """).first()
            return (.created, try row!.decode(column: "id", as: Int.self))
        }
        var new = old
        (new.name, new.vendor, new.categoryId, new.tagline, new.bestFor) = (t.name, t.vendor, categoryId, t.tagline, t.bestFor)
        (new.description, new.pricingModel, new.pricing, new.entryPrice) = (t.description, t.pricingModel, t.pricing, t.entryPrice)
        (new.website, new.launchedOn, new.license, new.status, new.contextWindow) = (t.website, t.launchedOn, t.license, t.status, t.contextWindow)
        guard new != old else { return (.unchanged, old.id) }
        try await sql.raw("""
            UPDATE tools SET name = \(bind: t.name), vendor = \(bind: t.vendor), category_id = \(bind: categoryId),
                tagline = \(bind: t.tagline), best_for = \(bind: t.bestFor), description = \(bind: t.description),
                pricing_model = \(bind: t.pricingModel.rawValue), pricing = \(bind: t.pricing),
                entry_price = \(bind: t.entryPrice), website = \(bind: t.website), launched_on = \(bind: t.launchedOn),
                license = \(bind: t.license), status = \(bind: t.status.rawValue),
                context_window = \(bind: t.contextWindow), updated_at = \(bind: now)
            WHERE id = \(bind: old.id)
            """).run()
        return (.updated, old.id)
    }

    /// Editorial reviews live in one editorial panel run per tool, created on first import.
    func upsertEditorialReviews(_ reviews: [ReviewInput], toolId: Int, personas: [String: PersonaRow])
        async throws -> [ImportReport.Outcome]
    {
        let panel = PanelQueries(sql)
        let runId: Int
        if let run = try await panel.editorialRun(toolId: toolId) {
            runId = run.id
        } else {
            let row = try await sql.raw("""
                INSERT INTO panel_runs (tool_id, backend, model, status, attempts, queued_at, started_at, finished_at)
                VALUES (\(bind: toolId), 'editorial', NULL, 'complete', 1, \(bind: now), \(bind: now), \(bind: now))
                RETURNING id
                """).first()
            runId = try row!.decode(column: "id", as: Int.self)
        }
        let stored = Dictionary(uniqueKeysWithValues: try await panel.reviews(runId: runId).map { ($0.personaId, $0) })
        var outcomes: [ImportReport.Outcome] = []
        for review in reviews {
            guard let persona = personas[review.persona] else { continue }  // checked by the validator
            if let old = stored[persona.id] {
                if (old.score, old.verdict, old.text) == (review.score, review.verdict, review.text) {
                    outcomes.append(.unchanged)
                    continue
                }
                try await sql.raw("""
                    UPDATE reviews SET score = \(bind: review.score), verdict = \(bind: review.verdict.rawValue),
                        text = \(bind: review.text), prompt_version = \(bind: persona.promptVersion), created_at = \(bind: now)
                    WHERE id = \(bind: old.id)
                    """).run()
                outcomes.append(.updated)
            } else {
                try await sql.raw("""
                    INSERT INTO reviews (run_id, persona_id, score, verdict, text, source, model, prompt_version, created_at)
                    VALUES (\(bind: runId), \(bind: persona.id), \(bind: review.score), \(bind: review.verdict.rawValue),
                        \(bind: review.text), 'editorial', NULL, \(bind: persona.promptVersion), \(bind: now))
                    """).run()
                outcomes.append(.created)
            }
        }
        return outcomes
    }
}
