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
        switch value {
        case is String, is Bool, is Int, is Double, is Substring, is MustacheLambda, is MustacheCustomRenderable,
             is MustacheCustomRepresentation, is MustacheParent:
            return value
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct where isOurs(type(of: value)), .class where isOurs(type(of: value)):
            var fields: [String: Any] = [:]
            fields.reserveCapacity(Int(mirror.children.count))
            for child in mirror.children {
                guard let label = child.label, let unwrapped = unwrap(child.value) else { continue }
                fields[label] = make(unwrapped)
            }
            return fields
        case .collection, .set:
            return mirror.children.compactMap { unwrap($0.value).map(make) }
        case .optional:
            return unwrap(value).map(make) as Any
        default:
            return value
        }
    }

    /// Only the project's own types become dictionaries: Foundation's (a `Date`, a `URL`) render
    /// through their descriptions, which a dictionary of their fields would not.
    private static let ours = NIOLockedValueBox<[ObjectIdentifier: Bool]>([:])

    private static func isOurs(_ type: Any.Type) -> Bool {
        let id = ObjectIdentifier(type)
        if let known = ours.withLockedValue({ $0[id] }) { return known }
        let name = String(reflecting: type)
        let answer = name.hasPrefix("VerdictsApp.") || name.hasPrefix("VerdictsCore.")
        ours.withLockedValue { $0[id] = answer }
        return answer
    }

    /// The value an Optional holds, or nil; anything else as it is.
    private static func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}
