import Crypto
import Foundation
import Hummingbird

/// Encodes API answers: snake_case keys, ISO 8601 times, sorted keys so that equal data gives
/// equal bytes (and so an equal ETag on every instance).
enum APIJSON {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// A read: the body with a strong ETag (a hash of its bytes) and a short public cache lifetime,
    /// or 304 with no body when the client already holds these bytes.
    static func read(_ value: some Encodable, request: Request) throws -> Response {
        let data = try encode(value)
        let tag = etag(for: data)
        var headers: HTTPFields = [.eTag: tag, .cacheControl: "public, max-age=15, stale-while-revalidate=30"]
        if matches(request.headers[.ifNoneMatch], tag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A strong validator: the first 8 bytes of the body's SHA-256, in hex and quotes.
    static func etag(for data: Data) -> String {
        "\"" + SHA256.hash(data: data).prefix(8).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// A write's answer: it reflects one caller's action, so no cache keeps it.
    static func written(_ value: some Encodable) throws -> Response {
        let headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encode(value))))
    }

    /// `If-None-Match` holds `*` or a list of tags; weak ones (`W/"…"`) compare by their value (RFC 9110 §13.1.2).
    static func matches(_ header: String?, _ etag: String) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }
}

/// Encodes nil as JSON `null`: the API's documents list every field, present or not, while
/// synthesized `Encodable` would leave a nil optional out.
@propertyWrapper
struct NullEncoded<Value: Encodable & Sendable>: Encodable, Sendable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
