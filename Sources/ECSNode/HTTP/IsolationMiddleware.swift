import Hummingbird
import PeerTransport

/// While an operator isolates this node (`POST /v1/cluster/isolate`), answers client requests
/// 503 with `Retry-After` set to the time the isolation has left: a node cut off its region can
/// neither commit nor prove a read fresh, and saying so at once sends clients (and load
/// balancers, through `/readyz`) to another node instead of letting them wait for timeouts.
///
/// Left through: `/healthz` (the process is alive), `/v1/cluster/status` (what an operator
/// looks at during a drill) and `/v1/cluster/isolate` itself (to end the isolation early).
struct IsolationMiddleware<Context: RequestContext>: RouterMiddleware {
    let isolation: PeerIsolation

    /// The paths answered as usual during an isolation (see the type's comment).
    let exemptPaths: Set<String> = ["/healthz", "/v1/cluster/status", "/v1/cluster/isolate"]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard isolation.isActive, !exemptPaths.contains(request.uri.path), let remaining = isolation.remaining
        else { return try await next(request, context) }
        let seconds = max(1, Int((remaining + .milliseconds(999)).components.seconds))
        throw Problem.unavailable(
            "this node is isolated from its region by an operator for \(seconds) more s; ask another node",
            retryAfterSeconds: seconds)
    }
}
