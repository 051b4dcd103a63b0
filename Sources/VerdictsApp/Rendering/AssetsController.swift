import Hummingbird

/// `/assets/<file>`: the stylesheet and script, fingerprinted so they can be cached for a year.
struct AssetsController {
    let site: Site

    func register(on routes: SiteRoutes) {
        routes.on(.asset, use: asset)
    }

    @Sendable func asset(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let response = site.assets.response(for: context.parameters.get("file") ?? "") else {
            throw HTTPError(.notFound)
        }
        return response
    }
}
