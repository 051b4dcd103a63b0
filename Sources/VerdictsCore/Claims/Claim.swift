/// A checkable statement in a review: a number, price, percentage, date, year, size or version, as
/// written, and whether it was traced to the facts the panel was given.
public struct Claim: Codable, Sendable, Equatable {
    public var text: String
    public var kind: ClaimKind
    public var supported: Bool

    public init(text: String, kind: ClaimKind, supported: Bool) {
        (self.text, self.kind, self.supported) = (text, kind, supported)
    }

    /// Claims as stored in a review's `claims` column: a JSON array, `[]` when it has none.
    public static func encode(_ claims: [Claim]) -> String {
        let data = (try? sortedEncoder.encode(claims)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    public static func decode(_ text: String) -> [Claim] {
        (try? JSONDecoder().decode([Claim].self, from: Data(text.utf8))) ?? []
    }

    private static let sortedEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()
}

public enum ClaimKind: String, Codable, Sendable, CaseIterable {
    case price, percent, date, year, size, version, number
}

import Foundation
