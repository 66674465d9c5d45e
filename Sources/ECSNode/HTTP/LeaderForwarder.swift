import Admin
import Hummingbird
import NIOCore

/// Sends a request that reached a follower on to the leader, and relays the leader's answer.
///
/// The follower has already authenticated the request; the leader checks it again (the token
/// travels along), so forwarding grants nothing. The hop header `X-ECS-Forwarded-By` marks the
/// forwarded request: a node that receives one and is not the leader answers 503 instead of
/// forwarding again, so a stale leader hint can never make requests circle.
struct LeaderForwarder: Sendable {
    let relay: RequestRelay
    let nodeName: String
    /// `http` or `https` (`APIDependencies.memberScheme`).
    let scheme: String

    /// Whether `request` was already forwarded by another node.
    static func wasForwarded(_ request: Request) -> Bool {
        request.headers[.ecsForwardedBy] != nil
    }

    /// Forwards `request` (with its already collected `body`) to the leader serving HTTP at
    /// `address` (`host:port`) and returns the leader's answer unchanged.
    ///
    /// When the leader cannot be reached: 503 if the request certainly did not arrive (or is a
    /// read, which is always safe to retry), 504 for a write whose fate is unknown.
    func forward(_ request: Request, body: ByteBuffer?, to address: String) async throws(Problem) -> Response {
        do {
            return try await relay.relay(
                request, body: body, to: "\(scheme)://\(address)", hop: [.ecsForwardedBy: nodeName])
        } catch {
            if request.method.isRead || ConnectionFailure.neverConnected(error) {
                throw .unavailable("the leader at \(address) could not be reached: \(error)")
            }
            throw .outcomeUnknown(
                "the request was forwarded to the leader at \(address), which did not answer: \(error)")
        }
    }
}
