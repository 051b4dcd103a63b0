import Foundation
import Yams

/// Reads the fields of one YAML mapping (a tool, a persona, a review…), reporting each problem with
/// the line of the value at fault, and returning nil for a field that is missing or wrong so that
/// the caller can skip the entry while reading on for further problems.
struct FieldReader {
    let mapping: Node.Mapping
    let file: String
    let subject: String
    let problems: ProblemList

    var line: Int { mapping.mark?.line ?? 1 }

    private func report(_ node: Node?, _ message: String) {
        problems.add(file, node?.mark?.line ?? line, subject, message)
    }

    /// A misspelt key would otherwise be silently ignored, and its value lost.
    func rejectUnknownKeys(_ allowed: [String]) {
        for (key, _) in mapping {
            let name = key.scalar?.string ?? "?"
            if !allowed.contains(name) {
                report(key, "unknown field '\(name)' (expected one of \(allowed.joined(separator: ", ")))")
            }
        }
    }

    func value(_ key: String) -> Node? {
        guard let node = mapping[key], !Self.isNull(node) else { return nil }
        return node
    }

    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func text(_ key: String, max: Int, min: Int = 1, required: Bool = true) -> String? {
        guard let node = value(key) else {
            if required { report(nil, "\(key) is required") }
            return nil
        }
        guard let raw = node.scalar?.string else {
            report(node, "\(key) must be text, not a list or mapping")
            return nil
        }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            report(node, "\(key) must not be empty")
            return nil
        }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }) {
            report(node, "\(key) contains a control character")
            return nil
        }
        if text.count > max || text.count < min {
            report(node, "\(key) must be \(min)–\(max) characters long (it is \(text.count))")
            return nil
        }
        return text
    }

    func slug(_ key: String = "slug") -> String? {
        guard let text = text(key, max: 200) else { return nil }
        guard Slug.isValid(text) else {
            report(value(key), "\(key) '\(text)' \(Slug.rule)")
            return nil
        }
        return text
    }

    func integer(_ key: String, in range: ClosedRange<Int>, required: Bool = true) -> Int? {
        guard let node = value(key) else {
            if required { report(nil, "\(key) is required") }
            return nil
        }
        guard let raw = node.scalar?.string, let number = Int(raw.replacingOccurrences(of: "_", with: "")) else {
            report(node, "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        guard range.contains(number) else {
            report(node, "\(key) must be from \(range.lowerBound) to \(range.upperBound) (got \(number))")
            return nil
        }
        return number
    }

    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, default fallback: E? = nil) -> E?
    where E.RawValue == String {
        guard let node = value(key) else {
            if fallback == nil { report(nil, "\(key) is required") }
            return fallback
        }
        let options = E.allCases.map(\.rawValue)
        guard let raw = node.scalar?.string, let value = E(rawValue: raw) else {
            report(node, "\(key) must be one of \(options.joined(separator: ", "))")
            return nil
        }
        return value
    }

    /// A calendar date written `YYYY-MM-DD` that exists (no 2025-02-30).
    func date(_ key: String) -> String? {
        guard let text = text(key, max: 40) else { return nil }
        guard CalendarDay.isValid(text) else {
            report(value(key), "\(key) must be a date written YYYY-MM-DD (got '\(text)')")
            return nil
        }
        return text
    }

    func webAddress(_ key: String) -> String? {
        guard let text = text(key, max: 500) else { return nil }
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              let host = url.host, host.contains(".")
        else {
            report(value(key), "\(key) must be an http:// or https:// address (got '\(text)')")
            return nil
        }
        return text
    }

    func textList(_ key: String, count: ClosedRange<Int>, maxEach: Int) -> [String]? {
        guard let node = value(key) else {
            report(nil, "\(key) is required")
            return nil
        }
        guard let sequence = node.sequence else {
            report(node, "\(key) must be a list")
            return nil
        }
        guard count.contains(sequence.count) else {
            report(node, "\(key) must have \(count.lowerBound)–\(count.upperBound) entries (it has \(sequence.count))")
            return nil
        }
        var items: [String] = []
        for item in sequence {
            guard let text = item.scalar?.string.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty,
                  text.count <= maxEach
            else {
                report(item, "each entry of \(key) must be text of 1–\(maxEach) characters")
                return nil
            }
            items.append(text)
        }
        return items
    }
}

enum Slug {
    static let rule = "must be 2–60 lowercase letters, digits and single hyphens, and may not contain '-vs-'"

    static func isValid(_ text: String) -> Bool {
        guard (2...60).contains(text.count), !text.contains("-vs-"), !text.hasPrefix("-"), !text.hasSuffix("-"),
              !text.contains("--")
        else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

enum CalendarDay {
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1900...2100).contains(year), (1...12).contains(month), day >= 1
        else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}
