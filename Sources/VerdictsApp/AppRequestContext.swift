import Foundation
import Hummingbird
import NIOCore
import VerdictsCore

/// The request context of every route: Hummingbird's core storage, the client's address, and the
/// voter the `VoterMiddleware` identified.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The reader's address: the peer's, or the one a trusted proxy forwarded (`ClientAddressMiddleware`).
    public var remoteAddress: String?
    var voter: Voter?
    /// The voter was made for this request (no cookie came with it), so they have voted on nothing.
    var voterIsNew = false
    /// The live API token the request carries (set by `APIClientMiddleware` under /api/v1).
    var apiToken: APITokenRow?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
        voter = nil
        apiToken = nil
    }

    /// Forms are a few fields; anything larger is refused before it is read.
    public var maxUploadSize: Int { 64 * 1024 }

    public var requestDecoder: FormOrJSONDecoder { FormOrJSONDecoder() }
}

/// Decodes a body as JSON when it says so, and as an HTML form otherwise.
public struct FormOrJSONDecoder: RequestDecoder {
    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        if request.headers[.contentType]?.hasPrefix("application/json") == true {
            return try await JSONDecoder().decode(type, from: request, context: context)
        }
        return try await URLEncodedFormDecoder().decode(type, from: request, context: context)
    }
}
