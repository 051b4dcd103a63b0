import Foundation
import Testing
@testable import VerdictsCore

@Suite("Claim check")
struct ClaimCheckerTests {
    static func tool(
        id: Int = 1, name: String = "Claude Sonnet 4.5", vendor: String = "Anthropic",
        pricing: String = "$3 / 1M input tokens and $15 / 1M output tokens; prompt caching cuts repeated input by up to 90%.",
        description: String = "Released on 2025-09-29 with a 200K-token context window. Version 0.4 of the SDK added streaming.",
        contextWindow: Int? = 200_000
    ) -> ToolRow {
        ToolRow(
            id: id, slug: name.lowercased().replacingOccurrences(of: " ", with: "-"), name: name, vendor: vendor, categoryId: 1,
            tagline: "A model for agents and coding.", bestFor: "Teams shipping coding agents.", description: description,
            pricingModel: .paid, pricing: pricing, entryPrice: "$3 / 1M input tokens", website: "https://example.com",
            launchedOn: "2025-09-29", license: "Proprietary", status: .active, contextWindow: contextWindow,
            createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
    }

    func claims(_ text: String, catalog: [ToolRow] = [], context: [String] = []) -> [String: Bool] {
        let checker = ClaimChecker(tool: Self.tool(), category: "LLM APIs", catalog: CatalogFacts(tools: catalog), context: context)
        return Dictionary(checker.claims(in: text).map { ($0.text, $0.supported) }, uniquingKeysWith: { a, _ in a })
    }

    @Test("prices, sizes and dates are traced in their other spellings")
    func normalisedForms() {
        let found = claims(
            "It costs $3 per million input tokens, $15 / 1M output, holds 200,000 tokens (a 200k window), "
                + "and shipped in September 2025, on 29 September 2025, in 2025. Caching saves 90 percent. SDK v0.4 streams.")
        #expect(found["$3 per million input tokens"] == true)
        #expect(found["$15 / 1M output"] == true)
        #expect(found["200,000 tokens"] == true)
        #expect(found["200k"] == true)
        #expect(found["September 2025"] == true)
        #expect(found["29 September 2025"] == true)
        #expect(found["2025"] == true)
        #expect(found["90 percent"] == true)
        #expect(found["v0.4"] == true)
    }

    @Test("invented numbers and near misses are untraced")
    func inventions() {
        let found = claims("At $3.5 per million tokens with a 1M context, launched in March 2027 and 40% faster, version 5.1 wins.")
        #expect(found["$3.5 per million tokens"] == false)
        #expect(found["1M"] == false)
        #expect(found["March 2027"] == false)
        #expect(found["40%"] == false)
        #expect(found["version 5.1"] == false)
    }

    @Test("a competitor's facts count only in a sentence that names it")
    func competitors() {
        let rival = Self.tool(id: 2, name: "GPT-5", vendor: "OpenAI", pricing: "$1.25 / 1M input tokens.", description: "Launched August 2025.")
        let named = claims("GPT-5 is cheaper at $1.25 per million input tokens.", catalog: [rival])
        #expect(named["$1.25 per million input tokens"] == true)
        let unnamed = claims("The rival is cheaper. It costs $1.25 per million input tokens.", catalog: [rival])
        #expect(unnamed["$1.25 per million input tokens"] == false)
    }

    @Test("numbers the persona was asked about trace to its rubric")
    func rubric() {
        #expect(claims("In the first 10 minutes it worked.", context: ["What happens in the first ten minutes?"])["10"] == true)
        #expect(claims("In the first 10 minutes it worked.")["10"] == false)
    }

    @Test("a name with a number in it is no claim, nor a catalog name; a number joined to its unit is one")
    func names() {
        let found = claims("Claude Sonnet 4.5 beats GPT-4o, Claude 3.7 and gpt-4-turbo with a 24-hour cache.")
        #expect(found["4.5"] == nil)
        #expect(found["3.7"] == false)
        #expect(found["GPT-4o"] == nil && found["4"] == nil)
        #expect(found["24"] == false)
        #expect(claims("It needs 250GB for 672x672 tiles.") == ["250GB": false, "672x672": false])
    }

    @Test("a review without numbers has no claims, and claims round-trip as JSON")
    func emptyAndStored() {
        #expect(claims("A clear API and honest limits; ship it.").isEmpty)
        let stored = [Claim(text: "$3", kind: .price, supported: true), Claim(text: "2027", kind: .year, supported: false)]
        #expect(Claim.decode(Claim.encode(stored)) == stored)
        #expect(Claim.decode("not json") == [])
    }

    @Test("untraced claims are cut out where they stand, the rest joined")
    func segments() {
        let text = "Costs $3 today and $9 tomorrow, from 2027."
        let claims = [
            Claim(text: "$3", kind: .price, supported: true), Claim(text: "$9", kind: .price, supported: false),
            Claim(text: "2027", kind: .year, supported: false),
        ]
        let pieces = ClaimSegments.split(text, claims: claims)
        #expect(pieces.map(\.text) == ["Costs $3 today and ", "$9", " tomorrow, from ", "2027", "."])
        #expect(pieces.map(\.untraced) == [false, true, false, true, false])
        #expect(pieces.map(\.text).joined() == text)
    }
}
