import Testing
import VerdictsPanel

@Suite("Partial JSON string")
struct PartialJSONStringTests {
    static let json = #"{"score": 70, "text": "a \"quoted\" line\nnext \u00e9 \ud83d\ude00", "verdict": "ship"}"#
    static let finalText = "a \"quoted\" line\nnext \u{e9} \u{1F600}"

    @Test("the complete object gives the decoded text")
    func complete() {
        #expect(PartialJSONString.value(of: "text", in: Self.json) == Self.finalText)
        #expect(PartialJSONString.value(of: "verdict", in: Self.json) == "ship")
    }

    @Test("every growing prefix gives a prefix of the final text, without half an escape")
    func growingPrefixes() throws {
        let characters = Array(Self.json)
        let keyEnd = Self.json.distance(from: Self.json.startIndex, to: Self.json.range(of: #""text": ""#)!.upperBound)
        var previous = ""
        var seen: Set<String> = []
        for length in 0...characters.count {
            let prefix = String(characters[..<length])
            let text = PartialJSONString.value(of: "text", in: prefix)
            if length < keyEnd {
                #expect(text == nil, "\(prefix)")
                continue
            }
            let partial = try #require(text, "\(prefix)")
            #expect(Self.finalText.unicodeScalars.starts(with: partial.unicodeScalars), "\(prefix) gave \(partial)")
            #expect(partial.unicodeScalars.starts(with: previous.unicodeScalars), "text shrank at \(prefix)")
            #expect(!partial.contains("\\"))
            #expect(!partial.unicodeScalars.contains { (0xD800...0xDFFF).contains($0.value) || $0 == "\u{FFFD}" })
            previous = partial
            seen.insert(partial)
        }
        #expect(previous == Self.finalText)
        // The text really grew step by step rather than appearing at the end.
        #expect(seen.count > 20)
        #expect(seen.contains("a \"quoted\" line\nnext "))
        #expect(seen.contains("a \"quoted\" line\nnext \u{e9} "))
    }

    @Test("a value that merely equals the field name is not taken for the key")
    func keyOnlyWhenFollowedByColon() {
        #expect(PartialJSONString.value(of: "text", in: #"{"verdict": "text", "score": 1"#) == nil)
        #expect(PartialJSONString.value(of: "text", in: #"{"verdict": "text", "text" : "ok"#) == "ok")
        #expect(PartialJSONString.value(of: "text", in: #"{"note": "say \"text\": \"no\"", "text": "yes"}"#) == "yes")
    }
}
