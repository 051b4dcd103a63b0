/// The closed vocabularies of the data model. Each mirrors a CHECK constraint in the migrations.

public enum PricingModel: String, Codable, Sendable, CaseIterable {
    case free, freemium, paid
    case openWeights = "open-weights"

    /// The label readers see on a tool card.
    public var label: String {
        switch self {
        case .free: "Free"
        case .freemium: "Freemium"
        case .paid: "Paid"
        case .openWeights: "Open weights"
        }
    }
}

public enum ToolStatus: String, Codable, Sendable, CaseIterable {
    case active, beta, deprecated, retired
}

public enum Verdict: String, Codable, Sendable, CaseIterable {
    case ship, skip
}

/// What the panel as a whole says: the majority's call, or a split when it is tied.
public enum PanelCall: String, Codable, Sendable, CaseIterable {
    case ship, skip, split
}

public enum RunPurpose: String, Codable, Sendable, CaseIterable {
    case verdict, stability
}

public enum ReviewSource: String, Codable, Sendable, CaseIterable {
    case editorial, model
}

public enum RunStatus: String, Codable, Sendable, CaseIterable {
    case queued, running, complete, failed, cancelled
}
