import HTTPTypes
import Hummingbird

/// Records every answered request into `HTTPMetrics`, and what a tenant was served into
/// `TenantUsage`: a read for GET and HEAD, a write for any other method.
///
/// The outermost middleware, so that it sees the status a client gets and the whole time the
/// node spent. A tenant's usage counts successful answers only (below 400: a refusal or an
/// unknown tenant is not usage, and cannot grow the series), and only where the request was
/// served: not an answer relayed from the leader or given for another region (`X-ECS-Relayed-From`,
/// `X-ECS-Routed-To`), which the serving node counts, so a cluster's sum counts each request once.
struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: HTTPMetrics
    let usage: TenantUsage

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(request, context: context, status: status, since: started)
            throw error
        }
        record(request, context: context, status: response.status.code, since: started)
        if response.status.code < 400, response.headers[.ecsRelayedFrom] == nil,
            response.headers[.ecsRoutedTo] == nil, let route = context.endpointPath,
            case .tenant(let tenant)? = AccessAuditMiddleware<Context>.namespace(of: request, route: route)
        {
            let counters = usage.counters(for: tenant)
            (request.method.isRead ? counters.reads : counters.writes).increment()
        }
        return response
    }

    private func record(_ request: Request, context: Context, status: Int, since started: ContinuousClock.Instant) {
        metrics.record(
            endpointPath: context.endpointPath, method: request.method, status: status, elapsed: .now - started)
    }
}
