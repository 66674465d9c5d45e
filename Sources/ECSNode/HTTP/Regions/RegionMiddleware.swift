import HTTPTypes
import Hummingbird

/// Sends each request that another region must answer there (`RegionRoute`): relayed for most,
/// `307` to the home region for a strict tenant's watch, 503 when no region can take it now.
///
/// Such a request is authenticated here first (401 from this node), so junk never crosses
/// regions; authorization (403) is left to the region that serves it. Every answer given for
/// another region carries `X-ECS-Routed-To`, which keeps it out of this region's access audit.
/// A node that knows no other region skips all of this after one dictionary check.
struct RegionMiddleware<Context: RequestContext>: RouterMiddleware {
    let forwarder: RegionForwarder
    let verifier: TokenVerifier
    /// The largest request body relayed; the serving region applies the edition's own limit.
    let bodyLimit: Int
    /// The record of a tenant in this node's applied directory (local state, no consensus).
    let tenant: @Sendable (String) throws -> TenantRecord?

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let regions = forwarder.regions
        guard !regions.seeds.isEmpty else { return try await next(request, context) }
        let route = try RegionRoute.decide(
            method: request.method, path: request.uri.path, regions: regions,
            trail: RegionForwarder.trail(of: request), tenant: tenant)
        switch route {
        case .local:
            return try await next(request, context)
        case .forward(let region):
            return try await answer(request, for: region) { () async throws(Problem) in
                let body = try await RequestParsing.body(of: request, limit: bodyLimit)
                return try await forwarder.forward(request, body: body, to: region)
            }
        case .redirect(let region):
            return try await answer(request, for: region) { () async throws(Problem) in
                Response(
                    status: .temporaryRedirect,
                    headers: [.location: forwarder.endpoint(of: region) + request.uri.string])
            }
        case .refuse(let region, let reason):
            return try await answer(request, for: region) { () async throws(Problem) in throw .unavailable(reason) }
        }
    }

    /// This node's answer `respond` gives for `region` to `request`, once the request is
    /// authenticated; marked `X-ECS-Routed-To: region`, whether it succeeds or is a problem.
    private func answer(
        _ request: Request, for region: String, _ respond: () async throws(Problem) -> Response
    ) async throws(Problem) -> Response {
        do {
            _ = try await verifier.authenticate(request)
            var response = try await respond()
            response.headers[.ecsRoutedTo] = region
            return response
        } catch {
            var problem = error
            problem.headers[.ecsRoutedTo] = region
            throw problem
        }
    }
}
