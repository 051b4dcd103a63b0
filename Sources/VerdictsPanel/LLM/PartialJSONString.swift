/// Reads one string field out of JSON that is still arriving, so a review's text can be shown while
/// the model writes it (Anthropic's `input_json_delta` fragments, OpenAI's content deltas).
///
/// It finds `"<field>": "` and decodes the string from there up to its closing quote or the end of
/// what has arrived, stopping before an escape sequence that is not complete yet. A key token with
/// unescaped quotes cannot occur inside a JSON string, so the search cannot be fooled by text.
public enum PartialJSONString {
    public static func value(of field: String, in json: String) -> String? {
        let scalars = Array(json.unicodeScalars)
        let key = Array("\"\(field)\"".unicodeScalars)
        guard var index = find(key, in: scalars) else { return nil }
        index += key.count
        index = skipSpaces(scalars, from: index)
        guard index < scalars.count, scalars[index] == ":" else { return nil }
        index = skipSpaces(scalars, from: index + 1)
        guard index < scalars.count, scalars[index] == "\"" else { return nil }
        return decodeString(scalars, from: index + 1)
    }

    private static func find(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start..<start + needle.count].elementsEqual(needle) {
                // Only a key: the next non-space character must be a colon.
                let after = skipSpaces(haystack, from: start + needle.count)
                if after >= haystack.count || haystack[after] == ":" { return start }
            }
            start += 1
        }
        return nil
    }

    private static func skipSpaces(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < scalars.count, [" ", "\n", "\r", "\t"].contains(scalars[index]) { index += 1 }
        return index
    }

    private static func decodeString(_ scalars: [Unicode.Scalar], from start: Int) -> String {
        var result = String.UnicodeScalarView()
        var index = start
        var pendingHighSurrogate: UInt32?
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\"" { break }
            guard scalar == "\\" else {
                result.append(scalar)
                index += 1
                continue
            }
            guard index + 1 < scalars.count else { break }  // an escape cut in half: wait for more
            let code = scalars[index + 1]
            switch code {
            case "n": result.append("\n")
            case "t": result.append("\t")
            case "r": result.append("\r")
            case "b": result.append("\u{8}")
            case "f": result.append("\u{C}")
            case "u":
                guard index + 6 <= scalars.count,
                    let value = UInt32(String(String.UnicodeScalarView(scalars[index + 2..<index + 6])), radix: 16)
                else { return String(result) }
                index += 6
                if (0xD800...0xDBFF).contains(value) {
                    pendingHighSurrogate = value
                } else if (0xDC00...0xDFFF).contains(value), let high = pendingHighSurrogate {
                    let combined = 0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00)
                    if let joined = Unicode.Scalar(combined) { result.append(joined) }
                    pendingHighSurrogate = nil
                } else if let plain = Unicode.Scalar(value) {
                    result.append(plain)
                }
                continue
            default: result.append(code)  // \" \\ \/
            }
            index += 2
        }
        return String(result)
    }
}
