/// Writes structured data as JSON for a `<script type="application/ld+json">` block, keys sorted.
///
/// Written by hand because Foundation's `JSONSerialization` was 7–9% of an uncached tool page's
/// CPU in `perf` (bridging every value through `NSObject`), for a few dozen small values.
/// `<`, `>` and `&` become `\u003c`-style escapes so catalog text can never close the script
/// element, and U+2028/U+2029 are escaped for older JavaScript parsers.
enum JSONLDWriter {
    /// Nil when the object holds a value JSON cannot carry (a non-finite number, an unknown type).
    static func write(_ object: [String: Any]) -> String? {
        var out = ""
        out.reserveCapacity(512)
        return append(object, to: &out) ? out : nil
    }

    private static func append(_ value: Any, to out: inout String) -> Bool {
        switch value {
        case let text as String:
            appendString(text, to: &out)
        case let flag as Bool:
            out += flag ? "true" : "false"
        case let number as Int:
            out += String(number)
        case let number as Double:
            guard number.isFinite else { return false }
            out += number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case let object as [String: Any]:
            out += "{"
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                appendString(key, to: &out)
                out += ":"
                guard append(object[key]!, to: &out) else { return false }
            }
            out += "}"
        case let array as [Any]:
            out += "["
            for (index, element) in array.enumerated() {
                if index > 0 { out += "," }
                guard append(element, to: &out) else { return false }
            }
            out += "]"
        default:
            return false
        }
        return true
    }

    private static func appendString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
