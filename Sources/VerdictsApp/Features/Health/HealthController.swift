import Hummingbird
import VerdictsCore

/// `/healthz` answers 200 only when the database answers, so a load balancer takes a broken
/// instance out of rotation.
struct HealthController {
    let site: Site

    func register(on routes: SiteRoutes) {
        routes.on(.health, use: health)
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        do {
            try await site.database.sql.raw("SELECT 1").run()
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok","database":"ok"}"#)))
        } catch {
            site.database.logger.error("health check failed: \(describe(error))")
            return Response(status: .serviceUnavailable, headers: headers,
                            body: .init(byteBuffer: ByteBuffer(string: #"{"status":"unavailable","database":"unreachable"}"#)))
        }
    }
}
