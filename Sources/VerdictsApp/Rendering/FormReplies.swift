import Foundation
import Hummingbird

/// What the controllers that take forms share: reading a form without swallowing a body that was
/// too large (the error page middleware answers that with its own advice), answering the page's
/// script in JSON, and a one-message page for everything else.
extension Request {
    /// The decoded form, or nil when it cannot be read; a body over the size limit is rethrown.
    func decodeForm<T: Decodable>(_ type: T.Type, context: AppRequestContext) async throws -> T? {
        do {
            return try await decode(as: type, context: context)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw error
        } catch {
            return nil
        }
    }

    /// The page's script asks for JSON; a plain form post gets a page or a redirect.
    var wantsJSON: Bool { headers[.accept]?.contains("application/json") == true }
}

enum JSONReply {
    /// A JSON answer that no cache keeps, since it reflects one reader's state.
    static func make(_ object: [String: Any], status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Site {
    /// A page with one heading and one message, for the outcome of a form.
    func messagePage(_ heading: String, _ text: String, status: HTTPResponse.Status, path: String, voter: Voter?) throws -> HTMLPage {
        try page("message", MessageView(meta: meta(title: "\(heading) — Verdicts", description: text, path: path), heading: heading, message: text),
                 voter: voter, status: status)
    }
}
