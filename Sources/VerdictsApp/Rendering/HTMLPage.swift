import Hummingbird

/// A rendered page with its status; handlers return these.
struct HTMLPage: ResponseGenerator {
    var status: HTTPResponse.Status = .ok
    let html: String
    /// Tools the page offers a vote on; the page cache renders it per reader for those who voted on one.
    var voteTools: [Int] = []

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        if !voteTools.isEmpty { headers[PageCacheMiddleware.voteToolsHeader] = voteTools.map(String.init).joined(separator: ",") }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

extension Site {
    /// Renders `view` with the template of the same name. Mustache escapes `{{value}}` as HTML,
    /// so text from the catalog can never inject markup.
    func page(_ template: String, _ view: some PageView, voter: Voter? = nil, status: HTTPResponse.Status = .ok) throws -> HTMLPage {
        var view = view
        view.meta.formToken = voter.map(signer.csrfToken)
        view.meta.accountEmail = voter?.account?.email
        view.meta.isAdmin = voter?.isAdmin ?? false
        guard let html = templates.render(MustacheTree.make(view), withTemplate: template) else {
            throw SiteError.templateFailed(template)
        }
        return HTMLPage(status: status, html: html)
    }
}
