import Foundation
import HTTPTypes
import Hummingbird

/// Behind a reverse proxy every request comes from the proxy's address, so rate limits and the
/// audit trail would see one reader. When the peer is a proxy the operator named
/// (`--trusted-proxy`), the reader's address is the right-most `X-Forwarded-For` entry that is not
/// itself a trusted proxy; entries to its left were written by the client and prove nothing.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trusted: Set<String>

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let peer = context.remoteAddress, trusted.contains(peer), let header = request.headers[Self.forwardedFor] else {
            return try await next(request, context)
        }
        let hops = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let client = hops.last(where: { !trusted.contains($0) }), Self.looksLikeAddress(client) else {
            return try await next(request, context)
        }
        var context = context
        context.remoteAddress = client
        return try await next(request, context)
    }

    /// IPv4 or IPv6 text: hex digits, dots and colons, at most 45 characters.
    static func looksLikeAddress(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 45 && text.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" }
    }
}

/// For the command line, which checks `--trusted-proxy` before the site starts.
public enum ClientAddress {
    public static func looksLikeAddress(_ text: String) -> Bool { ClientAddressMiddleware.looksLikeAddress(text) }
}
