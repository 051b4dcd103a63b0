import Foundation
import Hummingbird

/// Reads an API request's query string and path parameters strictly: a value the document does
/// not allow is a 400 with the reason, never silently ignored (unlike the pages' filter forms,
/// which show a notice and carry on).
struct APIQuery {
    let values: [String: String]

    init(_ request: Request) { values = FormQuery.parse(request) }

    func slug(_ key: String) throws -> String? {
        guard let raw = values[key] else { return nil }
        guard APIQuery.isSlug(raw) else {
            throw APIProblem.badRequest("The \(key) '\(raw.prefix(60))' is not a slug: use lowercase letters, digits and single hyphens, as in 'coding-assistants'.")
        }
        return raw
    }

    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        guard let raw = values[key] else { return nil }
        guard let value = T(rawValue: raw) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIProblem.badRequest("The \(key) '\(raw.prefix(60))' is not one of \(allowed).")
        }
        return value
    }

    func int(_ key: String, in range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let raw = values[key] else { return fallback }
        guard let value = Int(raw), range.contains(value) else {
            throw APIProblem.badRequest("The \(key) must be a whole number from \(range.lowerBound) to \(range.upperBound); '\(raw.prefix(30))' is not.")
        }
        return value
    }

    func text(_ key: String, maxLength: Int) throws -> String? {
        guard let raw = values[key] else { return nil }
        guard !raw.isEmpty, raw.count <= maxLength else {
            throw APIProblem.badRequest("The \(key) must be 1 to \(maxLength) characters long.")
        }
        return raw
    }

    static func isSlug(_ text: String) -> Bool {
        guard (1...60).contains(text.count), text.first != "-", text.last != "-", !text.contains("--") else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// A path parameter that names something by slug; anything else cannot exist, so it is a 404.
    static func pathSlug(_ context: some RequestContext, _ name: String, kind: String, listedAt list: String) throws -> String {
        let raw = context.parameters.get(name) ?? ""
        guard isSlug(raw) else {
            throw APIProblem.notFound("There is no \(kind) called '\(raw.prefix(60))'. \(list) lists them.")
        }
        return raw
    }
}
