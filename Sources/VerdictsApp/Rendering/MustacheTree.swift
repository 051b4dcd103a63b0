import Mustache
import NIOConcurrencyHelpers

/// A view turned into nested `[String: Any]` once, before rendering. swift-mustache looks names up
/// in structs through `Mirror`, walking every field of every object on the context stack for each
/// tag, and a page has hundreds of tags; dictionaries answer each lookup with one hash. Measured on
/// a comparison page of the 100,000-tool catalog: rendering was about a third of the request.
///
/// The rendering is unchanged: a `nil` is left out, which Mustache treats exactly as it treats a
/// `nil` field (it looks further up the stack), and values with behaviour of their own (lambdas,
/// custom renderings) are kept as they are.
enum MustacheTree {
    static func make(_ value: Any) -> Any {
        tree(value) ?? Optional<Any>.none as Any
    }

    /// What becomes of a value depends only on its type, so each type is classified once: the
    /// casts to Mustache's protocols and a `Mirror` per field were 10% of a comparison page.
    private enum Kind {
        case asIs, fields, elements, optional
    }

    private static let kinds = NIOLockedValueBox<[ObjectIdentifier: Kind]>([:])

    /// The value as Mustache should see it; nil for an empty Optional.
    private static func tree(_ value: Any) -> Any? {
        switch kind(of: value) {
        case .asIs:
            return value
        case .optional:
            return Mirror(reflecting: value).children.first.flatMap { tree($0.value) }
        case .fields:
            let mirror = Mirror(reflecting: value)
            var fields: [String: Any] = [:]
            fields.reserveCapacity(Int(mirror.children.count))
            for child in mirror.children {
                guard let label = child.label, let field = tree(child.value) else { continue }
                fields[label] = field
            }
            return fields
        case .elements:
            return Mirror(reflecting: value).children.compactMap { tree($0.value) }
        }
    }

    private static func kind(of value: Any) -> Kind {
        let id = ObjectIdentifier(type(of: value))
        if let known = kinds.withLockedValue({ $0[id] }) { return known }
        let kind = classify(value)
        kinds.withLockedValue { $0[id] = kind }
        return kind
    }

    private static func classify(_ value: Any) -> Kind {
        // Optionals first: `is String` also holds for a `String?` that is not nil, which would
        // class the type by whichever value came first and keep a later nil in the tree.
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional { return .optional }
        switch value {
        case is String, is Bool, is Int, is Double, is Substring, is MustacheLambda, is MustacheCustomRenderable,
             is MustacheCustomRepresentation, is MustacheParent:
            return .asIs
        default:
            break
        }
        switch mirror.displayStyle {
        case .struct where isOurs(type(of: value)), .class where isOurs(type(of: value)):
            return .fields
        case .collection, .set:
            return .elements
        case .optional:
            return .optional
        default:
            return .asIs
        }
    }

    /// Only the project's own types become dictionaries: Foundation's (a `Date`, a `URL`) render
    /// through their descriptions, which a dictionary of their fields would not.
    private static func isOurs(_ type: Any.Type) -> Bool {
        let name = String(reflecting: type)
        return name.hasPrefix("VerdictsApp.") || name.hasPrefix("VerdictsCore.")
    }
}
