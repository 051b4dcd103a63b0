/// What an import did, per kind of entry.
public struct ImportReport: Sendable, Equatable, CustomStringConvertible {
    public struct Counts: Sendable, Equatable {
        public var created = 0
        public var updated = 0
        public var unchanged = 0

        public var changed: Int { created + updated }

        mutating func record(_ outcome: Outcome) {
            switch outcome {
            case .created: created += 1
            case .updated: updated += 1
            case .unchanged: unchanged += 1
            }
        }
    }

    enum Outcome { case created, updated, unchanged }

    public var categories = Counts()
    public var personas = Counts()
    public var tools = Counts()
    public var reviews = Counts()

    /// True when the import found the database already holding exactly what the files say.
    public var changedNothing: Bool {
        categories.changed + personas.changed + tools.changed + reviews.changed == 0
    }

    public var description: String {
        func line(_ name: String, _ c: Counts) -> String {
            "  \(name): \(c.created) created, \(c.updated) updated, \(c.unchanged) unchanged"
        }
        return ["Imported the catalog.", line("categories", categories), line("personas", personas),
                line("tools", tools), line("reviews", reviews)].joined(separator: "\n")
    }
}
