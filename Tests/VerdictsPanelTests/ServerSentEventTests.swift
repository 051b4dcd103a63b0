import Testing
import VerdictsCore
import VerdictsPanel

@Suite("Server-sent events")
struct ServerSentEventTests {
    /// Every kind of line ending, a comment, a multi-line data field, a field without a space after
    /// the colon, an event without a type, and multi-byte characters of 2, 3 and 4 bytes.
    static let stream = Array([
        ": keep-alive comment\r\n",
        "event: message_start\r\n",
        "data: {\"text\":\"caf\u{e9} \u{2014} \u{1F600}\"}\r\n",
        "\r\n",
        "event: ping\n",
        ":another comment\n",
        "data:first line\n",
        "data: second line\n",
        "\n",
        "data: plain \u{1F680} \u{4E2D}\r",
        "\r",
        "event: delta\r\n",
        "data: {\"a\":1}\r",
        "\n",
        "\n",
        "id: 7\n",
        "data: unterminated",
    ].joined().utf8)

    static let expected = [
        ServerSentEvent(event: "message_start", data: "{\"text\":\"caf\u{e9} \u{2014} \u{1F600}\"}"),
        ServerSentEvent(event: "ping", data: "first line\nsecond line"),
        ServerSentEvent(event: "message", data: "plain \u{1F680} \u{4E2D}"),
        ServerSentEvent(event: "delta", data: "{\"a\":1}"),
    ]

    static func parse(_ chunks: [ArraySlice<UInt8>]) -> [ServerSentEvent] {
        var parser = ServerSentEventParser()
        var events: [ServerSentEvent] = []
        for chunk in chunks { events += parser.feed(chunk) }
        parser.finish()
        return events
    }

    @Test("the whole stream in one chunk gives the expected events; the unterminated last event is dropped")
    func wholeStream() {
        #expect(Self.parse([Self.stream[...]]) == Self.expected)
    }

    @Test("split at every single byte boundary, the events are identical")
    func everyTwoWaySplit() {
        for cut in 0...Self.stream.count {
            let events = Self.parse([Self.stream[..<cut], Self.stream[cut...]])
            #expect(events == Self.expected, "split at byte \(cut)")
        }
    }

    @Test("fed one byte at a time, the events are identical")
    func byteByByte() {
        #expect(Self.parse(Self.stream.indices.map { Self.stream[$0...$0] }) == Self.expected)
    }

    @Test("fed in random splits, the events are identical")
    func randomSplits() {
        var random = SplitMix64(seed: 0x5EED)
        for _ in 0..<300 {
            var chunks: [ArraySlice<UInt8>] = []
            var start = 0
            while start < Self.stream.count {
                let end = min(Self.stream.count, start + Int.random(in: 1...9, using: &random))
                chunks.append(Self.stream[start..<end])
                start = end
            }
            #expect(Self.parse(chunks) == Self.expected)
        }
    }

    @Test("a CR at the end of one chunk and an LF at the start of the next are one line ending")
    func crlfAcrossChunks() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(Array("data: one\r".utf8)).isEmpty)
        // If the LF were a second line ending, it would end the event here with one empty line.
        #expect(parser.feed(Array("\ndata: two\r".utf8)).isEmpty)
        #expect(parser.feed(Array("\n\r\n".utf8)) == [ServerSentEvent(data: "one\ntwo")])
    }

    @Test("a multi-byte character split between chunks decodes intact")
    func splitCharacter() {
        let bytes = Array("data: \u{1F600}\u{e9}\n\n".utf8)
        let emojiStart = 6
        for cut in emojiStart + 1..<emojiStart + 6 {
            var parser = ServerSentEventParser()
            let first = parser.feed(bytes[..<cut])
            let second = parser.feed(bytes[cut...])
            #expect(first.isEmpty)
            #expect(second == [ServerSentEvent(data: "\u{1F600}\u{e9}")])
            #expect(!second[0].data.contains("\u{FFFD}"))
        }
    }

    @Test("comments and unknown fields produce no events")
    func commentsOnly() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(Array(": ping\n\n:\n\nretry: 10\nid: 3\n\n".utf8)).isEmpty)
    }
}
