import Foundation

/// Rows are plain value types decoded with SQLKit (snake_case columns ↔ camelCase fields): they are
/// `Sendable`, cheap to pass between tasks, and map one-to-one onto the tables in `Migrations/`.

public struct CategoryRow: Codable, Sendable, Equatable {
    public var id: Int
    public var slug: String
    public var name: String
    public var description: String
    public var position: Int
}

public struct ToolRow: Codable, Sendable, Equatable {
    public var id: Int
    public var slug: String
    public var name: String
    public var vendor: String
    public var categoryId: Int
    public var tagline: String
    public var bestFor: String
    public var description: String
    public var pricingModel: PricingModel
    public var pricing: String
    public var entryPrice: String
    public var website: String
    public var launchedOn: String
    public var license: String
    public var status: ToolStatus
    public var contextWindow: Int?
    public var createdAt: Date
    public var updatedAt: Date

    /// The column names themselves: pages read hundreds of tools, and SQLKit's snake_case
    /// conversion of every key of every row was a tenth of a comparison page's time.
    enum CodingKeys: String, CodingKey {
        case id, slug, name, vendor, tagline, description, pricing, website, license, status
        case categoryId = "category_id", bestFor = "best_for", pricingModel = "pricing_model", entryPrice = "entry_price"
        case launchedOn = "launched_on", contextWindow = "context_window", createdAt = "created_at", updatedAt = "updated_at"
    }
}

extension ToolRow: ColumnNamedRow {
    /// What `SELECT` names instead of `*`: on PostgreSQL the table also holds the search document,
    /// which no page reads.
    public static let columns = """
        id, slug, name, vendor, category_id, tagline, best_for, description, pricing_model, pricing, entry_price, \
        website, launched_on, license, status, context_window, created_at, updated_at
        """
}

/// A tool as a picker lists it.
public struct ToolName: Codable, Sendable, Equatable, ColumnNamedRow {
    public var id: Int
    public var slug: String
    public var name: String

    public init(id: Int, slug: String, name: String) {
        (self.id, self.slug, self.name) = (id, slug, name)
    }
}

extension ToolRow {
    public var nameOnly: ToolName { ToolName(id: id, slug: slug, name: name) }
}

/// A tool as the sitemap lists it.
public struct SitemapTool: Sendable, Equatable {
    public var slug: String
    /// When the tool's facts or its latest verdict last changed, whichever is later.
    public var changedAt: Date
}

/// A row type whose coding keys are its columns' names, decoded without key conversion.
protocol ColumnNamedRow {}

public struct PersonaRow: Codable, Sendable, Equatable {
    public var id: Int
    public var slug: String
    public var name: String
    public var motto: String
    public var rewards: String
    public var punishes: String
    /// A JSON array of questions; see `rubricQuestions`.
    public var rubric: String
    public var systemPrompt: String
    public var promptVersion: Int
    public var position: Int
    public var active: Bool

    public var rubricQuestions: [String] {
        (try? JSONDecoder().decode([String].self, from: Data(rubric.utf8))) ?? []
    }

    public static func encodeRubric(_ questions: [String]) -> String {
        let data = (try? JSONEncoder().encode(questions)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

public struct PanelRunRow: Codable, Sendable, Equatable {
    public var id: Int
    public var toolId: Int
    public var backend: String
    public var model: String?
    public var status: RunStatus
    public var attempts: Int
    public var inputTokens: Int
    public var outputTokens: Int
    public var cacheCreationInputTokens: Int
    public var cacheReadInputTokens: Int
    public var error: String?
    public var queuedAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    /// A run made to measure stability never becomes the tool's verdict.
    public var purpose: RunPurpose
}

public struct ReviewRow: Codable, Sendable, Equatable {
    public var id: Int
    public var runId: Int
    public var personaId: Int
    public var score: Int
    public var verdict: Verdict
    public var text: String
    public var source: ReviewSource
    public var model: String?
    public var promptVersion: Int
    public var createdAt: Date
}
