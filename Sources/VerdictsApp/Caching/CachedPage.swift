import Crypto
import HTTPTypes
import Hummingbird
import NIOCore

/// A page as every reader without a session sees it, cut at the places where their CSRF token goes.
struct CachedPage: Sendable {
    /// The body with the token placeholder removed: a token goes between each two parts.
    let parts: [ByteBuffer]
    /// The same parts compressed, made the first time a reader asks for gzip.
    var gzip: Gzip.Parts?
    let status: HTTPResponse.Status
    /// The rendered response's headers, without its length (each reader's differs by the token).
    let headers: HTTPFields
    /// Tools the page offers a vote on: a reader who voted on one of them gets the page rendered
    /// for them (their vote pressed), not this copy.
    let voteTools: [Int]
    /// Hash of the parts; a response's ETag adds the reader's token, since their bytes differ by it.
    let digest: String
    /// When it was rendered, in NIO's monotonic nanoseconds.
    let storedAt: UInt64

    static let placeholder = "\u{1}csrf-placeholder\u{1}"
    private static let placeholderBytes = Array(placeholder.utf8)

    init(body: ByteBuffer, status: HTTPResponse.Status, headers: HTTPFields, voteTools: [Int], storedAt: UInt64) {
        parts = Self.split(body)
        var hash = SHA256()
        for part in parts { part.withUnsafeReadableBytes { hash.update(bufferPointer: $0) }; hash.update(data: [0]) }
        digest = hexString(hash.finalize().prefix(12))
        (self.status, self.headers, self.voteTools, self.storedAt) = (status, headers, voteTools, storedAt)
    }

    var byteCount: Int { parts.map(\.readableBytes).reduce(0, +) + (gzip?.byteCount ?? 0) }

    func etag(token: String, gzipped: Bool) -> String {
        "\"p\(digest)\(token.prefix(12))\(gzipped ? "-gz" : "")\""
    }

    /// The page for one reader: their token spliced in, compressed if they asked for it. The pieces
    /// are copied into one buffer because Hummingbird sends a single-buffer body with its head in one
    /// write; a body of several buffers costs a write for the head and another for the body, which
    /// on the hot page was more CPU than the copy (docs/performance.md).
    func body(token: String, gzipped: Bool) -> ResponseBody {
        if gzipped, let gzip { return ResponseBody(byteBuffer: Self.joined(Gzip.splice(gzip, token: token))) }
        let tokenBuffer = ByteBuffer(string: token)
        var pieces: [ByteBuffer] = []
        pieces.reserveCapacity(parts.count * 2)
        for (index, part) in parts.enumerated() {
            if index > 0 { pieces.append(tokenBuffer) }
            pieces.append(part)
        }
        return ResponseBody(byteBuffer: Self.joined(pieces))
    }

    static func joined(_ pieces: [ByteBuffer]) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: pieces.reduce(0) { $0 + $1.readableBytes })
        for piece in pieces { buffer.writeImmutableBuffer(piece) }
        return buffer
    }

    /// Splits at every placeholder. A page without one is a single part.
    static func split(_ body: ByteBuffer) -> [ByteBuffer] {
        let marker = placeholderBytes
        return body.withUnsafeReadableBytes { bytes -> [ByteBuffer] in
            var parts: [ByteBuffer] = []
            var start = 0, index = 0
            let last = bytes.count - marker.count
            while index <= last {
                // The marker starts with \u{1}, which HTML never contains, so one byte test skips most positions.
                if bytes[index] == marker[0], (1..<marker.count).allSatisfy({ bytes[index + $0] == marker[$0] }) {
                    parts.append(ByteBuffer(bytes: UnsafeRawBufferPointer(rebasing: bytes[start..<index])))
                    index += marker.count
                    start = index
                } else {
                    index += 1
                }
            }
            parts.append(ByteBuffer(bytes: UnsafeRawBufferPointer(rebasing: bytes[start..<bytes.count])))
            return parts
        }
    }
}
