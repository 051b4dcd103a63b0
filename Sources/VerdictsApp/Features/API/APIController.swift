import Foundation
import Hummingbird
import VerdictsCore

/// The public API: `/api` (its documentation page), `/api/openapi.yaml` (the document, the truth
/// about every endpoint) and the `/api/v1` endpoints behind a per-client rate limit.
struct APIController {
    let site: Site

    func register(on routes: SiteRoutes) {
        routes.on(.apiDocs, use: docs)
        routes.on(.apiDocument, use: document)
        APIToolsController(site: site).register(on: routes)
        APIDirectoryController(site: site).register(on: routes)
        APIVoteController(site: site).register(on: routes)
    }

    @Sendable func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        let headers: HTTPFields = [.contentType: "application/yaml; charset=utf-8", .cacheControl: "public, max-age=300",
                                   .eTag: site.openAPI.etag]
        if APIJSON.matches(request.headers[.ifNoneMatch], site.openAPI.etag) { return Response(status: .notModified, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: site.openAPI.bytes)))
    }

    @Sendable func docs(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        try site.page("api", APIDocsView.make(site: site), voter: context.voter)
    }
}

/// The OpenAPI document as shipped in the app's resources, read once at start-up.
struct OpenAPIDocument: Sendable {
    let bytes: Data
    let etag: String

    init(url: URL) throws {
        bytes = try Data(contentsOf: url)
        etag = APIJSON.etag(for: bytes)
    }
}
