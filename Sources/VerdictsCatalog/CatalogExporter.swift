import Foundation
import VerdictsCore
import Yams

/// Writes the database's catalog back out in the import format: `categories.yaml`, `personas.yaml`
/// and `tools/<category>.yaml`, with each tool's editorial reviews. Importing the result changes
/// nothing. Model-written reviews are not part of the catalog format; they stay in the database.
public struct CatalogExporter: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    /// Returns the paths written, relative to `folder`.
    @discardableResult
    public func export(to folder: String) async throws -> [String] {
        let files = try await render()
        let root = URL(fileURLWithPath: folder)
        for (name, text) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        }
        return files.map(\.0)
    }

    /// (relative path, YAML text) for every file of the export, in a stable order.
    public func render() async throws -> [(String, String)] {
        let catalog = CatalogQueries(database.sql)
        let categories = try await catalog.categories()
        let personas = try await catalog.personas()
        var files: [(String, String)] = [
            ("categories.yaml", try YAMLText.document("categories", categories.map(node))),
            ("personas.yaml", try YAMLText.document("personas", personas.map(node))),
        ]
        let personaSlugs = Dictionary(uniqueKeysWithValues: personas.map { ($0.id, $0.slug) })
        for category in categories {
            let tools = try await catalog.tools(categoryId: category.id)
            guard !tools.isEmpty else { continue }
            var nodes: [Node] = []
            for tool in tools {
                nodes.append(try await node(tool, category: category.slug, personaSlugs: personaSlugs))
            }
            files.append(("tools/\(category.slug).yaml", try YAMLText.document("tools", nodes)))
        }
        return files
    }

    private func node(_ c: CategoryRow) -> Node {
        YAMLText.mapping([("slug", YAMLText.text(c.slug)), ("name", YAMLText.text(c.name)),
                          ("description", YAMLText.text(c.description))])
    }

    private func node(_ p: PersonaRow) -> Node {
        YAMLText.mapping([
            ("slug", YAMLText.text(p.slug)), ("name", YAMLText.text(p.name)), ("motto", YAMLText.text(p.motto)),
            ("rewards", YAMLText.text(p.rewards)), ("punishes", YAMLText.text(p.punishes)),
            ("rubric", Node(p.rubricQuestions.map(YAMLText.text))),
            ("system_prompt", YAMLText.text(p.systemPrompt)),
        ])
    }

    private func node(_ t: ToolRow, category: String, personaSlugs: [Int: String]) async throws -> Node {
        var reviews: Node?
        let panel = PanelQueries(database.sql)
        if let run = try await panel.editorialRun(toolId: t.id) {
            let rows = try await panel.reviews(runId: run.id)
                .sorted { (personaSlugs[$0.personaId] ?? "") < (personaSlugs[$1.personaId] ?? "") }
            if !rows.isEmpty {
                reviews = YAMLText.mapping(rows.map { review in
                    (personaSlugs[review.personaId] ?? "?", YAMLText.mapping([
                        ("score", YAMLText.plain(String(review.score))),
                        ("verdict", YAMLText.text(review.verdict.rawValue)),
                        ("text", YAMLText.text(review.text)),
                    ]))
                })
            }
        }
        return YAMLText.mapping([
            ("slug", YAMLText.text(t.slug)), ("name", YAMLText.text(t.name)), ("vendor", YAMLText.text(t.vendor)),
            ("category", YAMLText.text(category)), ("tagline", YAMLText.text(t.tagline)),
            ("best_for", YAMLText.text(t.bestFor)), ("description", YAMLText.text(t.description)),
            ("pricing_model", YAMLText.text(t.pricingModel.rawValue)), ("pricing", YAMLText.text(t.pricing)),
            ("entry_price", YAMLText.text(t.entryPrice)), ("website", YAMLText.text(t.website)),
            ("launched", YAMLText.plain(t.launchedOn)), ("license", YAMLText.text(t.license)),
            ("status", YAMLText.text(t.status.rawValue)),
            ("context_window", t.contextWindow.map { YAMLText.plain(String($0)) }),
            ("reviews", reviews),
        ])
    }
}
