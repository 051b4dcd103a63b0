import VerdictsCore

/// Where an entry was written, for error messages.
public struct SourceLocation: Sendable, Equatable {
    public var file: String
    public var line: Int
}

public struct CategoryInput: Sendable, Equatable {
    public var slug: String
    public var name: String
    public var description: String
    public var location: SourceLocation
}

public struct PersonaInput: Sendable, Equatable {
    public var slug: String
    public var name: String
    public var motto: String
    public var rewards: String
    public var punishes: String
    public var rubric: [String]
    public var systemPrompt: String
    public var location: SourceLocation
}

public struct ReviewInput: Sendable, Equatable {
    public var persona: String
    public var score: Int
    public var verdict: Verdict
    public var text: String
    public var location: SourceLocation
}

public struct ToolInput: Sendable, Equatable {
    public var slug: String
    public var name: String
    public var vendor: String
    public var category: String
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
    public var reviews: [ReviewInput]
    public var location: SourceLocation
}

/// Everything read from a set of catalog files, in the order it was written.
public struct CatalogInput: Sendable, Equatable {
    public var categories: [CategoryInput] = []
    public var personas: [PersonaInput] = []
    public var tools: [ToolInput] = []

    public init() {}
}
