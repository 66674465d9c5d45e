import Raft

/// A membership change proposed by this leader, waiting until its entry is applied.
struct MembershipWaiter {
    /// The log index of the conf-change entry, known once the leader appends it.
    var index: UInt64?
    let continuation: PendingRequests.IndexContinuation
    let deadline: ContinuousClock.Instant
}

/// A leadership transfer waiting until `target` is the leader.
struct TransferWaiter {
    let target: NodeID
    let continuation: PendingRequests.IndexContinuation
    let deadline: ContinuousClock.Instant
}
