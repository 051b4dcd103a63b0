import Hummingbird

/// A rendered page with its status; handlers return these.
struct HTMLPage: ResponseGenerator {
    var status: HTTPResponse.Status = .ok
    let html: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
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
        guard let html = templates.render(view, withTemplate: template) else {
            throw SiteError.templateFailed(template)
        }
        return HTMLPage(status: status, html: html)
    }
}
