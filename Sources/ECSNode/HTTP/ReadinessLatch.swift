import Synchronization

/// `/readyz`'s memory: whether this node has once caught up with the commit index it learned
/// at start-up.
///
/// Readiness means "knows a leader and has applied its start-up backlog". The backlog part is
/// latched: once applied caught up with commit, later moments of apply lag under load do not
/// make the node unready (that would flap a load balancer); losing the leader does.
final class ReadinessLatch: Sendable {
    private let caughtUp = Atomic<Bool>(false)

    /// Whether a node in `status` is ready, latching the catch-up on the way.
    func isReady(_ status: ClusterStatus) -> (ready: Bool, reason: String) {
        guard status.leader != nil else { return (false, "no leader is known") }
        if !caughtUp.load(ordering: .acquiring) {
            guard status.appliedIndex >= status.commitIndex else {
                return (false, "applying the start-up backlog: \(status.appliedIndex) of \(status.commitIndex)")
            }
            // Until its own addresses are in the replicated members table, other nodes cannot
            // forward to this one if it leads, nor list it in their status.
            guard status.members.contains(where: { $0.id == status.node && !$0.httpAddr.isEmpty }) else {
                return (false, "announcing this node's addresses to the region")
            }
            caughtUp.store(true, ordering: .releasing)
        }
        // Followers forward writes to the leader's HTTP address, known once its record is applied.
        guard status.members.contains(where: { $0.id == status.leader && !$0.httpAddr.isEmpty }) else {
            return (false, "waiting for the leader's address")
        }
        return (true, "leader \(status.leader!) known, state applied")
    }
}
