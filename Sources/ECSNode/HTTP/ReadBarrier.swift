import Hummingbird

/// How fresh a read of a node's applied state must be: `consistency=linearizable|local`.
enum ReadConsistency: String, Sendable {
    /// Reflects every write acknowledged before the request began (Raft ReadIndex).
    case linearizable
    /// This node's applied state as it is, without asking the leader.
    case local
}

extension APIServices {
    /// Makes this node's applied state as fresh as `consistency` asks before a read of it: for
    /// `linearizable`, waits until this node has applied everything acknowledged before `request`
    /// began. Returns the applied index the read's transaction will see at least, or the leader's
    /// answer when this follower could not run the barrier and forwarded `request` instead.
    ///
    /// The one barrier of every read route (config, tenants, history), so they all answer the
    /// same way when there is no leader or quorum (503) or a follower has to forward.
    func readBarrier(
        _ request: Request, consistency: ReadConsistency = .linearizable
    ) async throws(Problem) -> LeaderAnswer<UInt64> {
        var index: UInt64 = 0
        if consistency == .linearizable {
            let barrier = { () async throws(ConsensusError) in try await consensus.linearizableReadBarrier() }
            switch try await onLeader(request, body: nil, barrier) {
            case .forwarded(let response): return .forwarded(response)
            case .local(let barrierIndex): index = barrierIndex
            }
        }
        return .local(max(index, consensus.status().appliedIndex))
    }
}
