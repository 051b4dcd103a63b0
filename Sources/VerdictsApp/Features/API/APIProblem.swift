import Foundation
import Hummingbird

/// An error of the public API, answered as `application/problem+json` (RFC 9457). `detail` is a
/// sentence a developer can act on; `type` links to the part of `/api` that explains the status.
struct APIProblem: Error, Sendable {
    let status: HTTPResponse.Status
    let detail: String
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ detail: String, headers: HTTPFields = [:]) {
        (self.status, self.detail, self.headers) = (status, detail, headers)
    }

    static func notFound(_ detail: String) -> APIProblem { APIProblem(.notFound, detail) }
    static func badRequest(_ detail: String) -> APIProblem { APIProblem(.badRequest, detail) }
    static func unprocessable(_ detail: String) -> APIProblem { APIProblem(.unprocessableContent, detail) }

    static func unauthorized(_ detail: String, invalidToken: Bool = false) -> APIProblem {
        let challenge = invalidToken ? #"Bearer realm="verdicts", error="invalid_token""# : #"Bearer realm="verdicts""#
        return APIProblem(.unauthorized, detail, headers: [.wwwAuthenticate: challenge])
    }

    static func tooManyRequests(retryAfter seconds: Int) -> APIProblem {
        APIProblem(.tooManyRequests, "Too many requests from this client. Wait \(seconds) seconds, then retry; Retry-After says the same.",
                   headers: [.retryAfter: String(seconds)])
    }

    /// The problem for a refusal that did not start in an API handler (an unknown address, a body too
    /// large, a method an address does not take), in the same words the site's pages use.
    static func from(status: HTTPResponse.Status, path: String) -> APIProblem {
        switch status {
        case .notFound: .notFound("There is no API endpoint at \(path). Every endpoint is listed at \(SiteURL.apiDocs.path) and in \(SiteURL.apiDocument.path).")
        case .contentTooLarge: APIProblem(status, "The body is larger than the API accepts (64 KiB). Votes are a few fields; send less.")
        case .methodNotAllowed: APIProblem(status, "\(path) does not take this method. \(SiteURL.apiDocument.path) lists the methods of every endpoint.")
        default: APIProblem(status, "The request was not understood (\(status.code) \(status.reasonPhrase)). Check it against \(SiteURL.apiDocument.path).")
        }
    }

    static let internalError = APIProblem(
        .internalServerError, "The server failed to answer this request. It has been logged; retry in a moment, and tell the site's operator if it persists.")

    /// The anchor on `/api` that explains this status: `/api#problem-404`.
    var type: String { SiteURL.apiDocs.path + "#problem-\(status.code)" }

    func response(path: String) -> Response {
        let body: [String: Any] = ["type": type, "title": status.reasonPhrase, "status": status.code, "detail": detail, "instance": path]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        var fields = headers
        fields[.contentType] = "application/problem+json"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
