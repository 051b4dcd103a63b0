/// A review's text cut at its untraced claims, so a page can mark each one where it stands.
public struct ClaimSegment: Sendable, Equatable {
    public var text: String
    /// Set on the piece that is an untraced claim.
    public var untraced: Bool
}

public enum ClaimSegments {
    /// Claims are found in reading order, so each is looked for after the one before it; a claim
    /// whose text is not found (the review was edited since) marks nothing.
    public static func split(_ text: String, claims: [Claim]) -> [ClaimSegment] {
        var segments: [ClaimSegment] = []
        var rest = text[...]
        for claim in claims {
            guard let found = rest.range(of: claim.text) else { continue }
            guard !claim.supported else {
                appendPlain(String(rest[..<found.upperBound]), to: &segments)
                rest = rest[found.upperBound...]
                continue
            }
            appendPlain(String(rest[..<found.lowerBound]), to: &segments)
            segments.append(ClaimSegment(text: claim.text, untraced: true))
            rest = rest[found.upperBound...]
        }
        appendPlain(String(rest), to: &segments)
        return segments
    }

    private static func appendPlain(_ text: String, to segments: inout [ClaimSegment]) {
        guard !text.isEmpty else { return }
        if let last = segments.last, !last.untraced {
            segments[segments.count - 1].text += text
        } else {
            segments.append(ClaimSegment(text: text, untraced: false))
        }
    }
}
