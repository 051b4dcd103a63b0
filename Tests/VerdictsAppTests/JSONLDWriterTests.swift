import Foundation
import Testing
@testable import VerdictsApp

@Suite("JSON-LD writer")
struct JSONLDWriterTests {
    /// Text that needs every kind of escape the writer knows, and some it must leave alone.
    static let awkward = "quote \" backslash \\ tab \t newline \n bell \u{07} nul \u{0} </script><b>&amp; \u{2028}\u{2029} café 🚢"

    @Test("what it writes parses back to the same values, with keys sorted and nothing that could close a script")
    func roundTrip() throws {
        let object: [String: Any] = [
            "zeta": Self.awkward,
            "alpha": ["@type": "Rating", "ratingValue": 87, "bestRating": 100, "ship": true, "ratio": 0.25],
            "list": [Self.awkward, 1, false, ["nested": "yes"]],
            "empty": [String: Any](),
        ]
        let json = try #require(JSONLDWriter.write(object))
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
        #expect(!json.contains("\u{2028}") && !json.contains("\u{0}"))
        #expect(json.hasPrefix(#"{"alpha":{"@type":"Rating","bestRating":100,"ratingValue":87,"ratio":0.25,"ship":true},"empty":{}"#))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(parsed["zeta"] as? String == Self.awkward)
        let list = try #require(parsed["list"] as? [Any])
        #expect(list.first as? String == Self.awkward)
        #expect((list.last as? [String: Any])?["nested"] as? String == "yes")
    }

    @Test("a value JSON cannot carry gives nil instead of a broken block")
    func refusesUnknownValues() {
        #expect(JSONLDWriter.write(["when": Date()]) == nil)
        #expect(JSONLDWriter.write(["score": Double.nan]) == nil)
    }
}
