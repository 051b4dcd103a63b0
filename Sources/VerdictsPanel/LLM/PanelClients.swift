import VerdictsCore

/// The clients a panel run asks: each persona's own model when it has one, else the default, and
/// the conflict-of-interest rule — a model never silently reviews its own vendor's tool.
public struct PanelClients: Sendable {
    let fallback: any LLMClient
    let byPersona: [String: any LLMClient]
    /// Every distinct client, in the order a same-vendor review is sent on to.
    let all: [any LLMClient]

    public init(fallback: any LLMClient, byPersona: [String: any LLMClient], all: [any LLMClient]) {
        (self.fallback, self.byPersona, self.all) = (fallback, byPersona, all)
    }

    public init(single: any LLMClient) {
        self.init(fallback: single, byPersona: [:], all: [single])
    }

    /// The client that reviews `tool` as `persona`: its own, unless that model's vendor made the
    /// tool and another client's did not; `sameVendor` when no such other client exists.
    public func client(for persona: String, tool: ToolRow) -> (client: any LLMClient, sameVendor: Bool) {
        let own = byPersona[persona] ?? fallback
        guard ModelVendor.isSame(own.vendor, toolVendor: tool.vendor) else { return (own, false) }
        if let other = all.first(where: { !ModelVendor.isSame($0.vendor, toolVendor: tool.vendor) }) { return (other, false) }
        return (own, true)
    }
}
