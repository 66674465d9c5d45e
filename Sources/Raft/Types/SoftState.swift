/// The role a replica plays (Raft paper §5.1, plus the pre-candidate of thesis §9.6).
public enum Role: Sendable, Hashable {
    /// Passive; answers leaders and candidates.
    case follower
    /// Probing whether it could win an election without disturbing the term (thesis §9.6).
    case preCandidate
    /// Campaigning for votes in a new term (§5.2).
    case candidate
    /// Handles all client requests and replicates the log (§5.3).
    case leader
}

/// Volatile state the Shell may want to observe (for routing and metrics); it need not be
/// persisted.
public struct SoftState: Sendable, Hashable {
    /// The known leader of the current term, if any.
    public var leader: NodeID?
    /// This replica's role.
    public var role: Role
}

/// The answer to a `readIndex(context:)` request: once the applied index reaches `index`,
/// a read of the state machine is linearizable (thesis §6.4).
public struct ReadState: Sendable, Hashable {
    /// Commit index at the time the leader confirmed its leadership.
    public var index: UInt64
    /// The caller's request context, echoed to match requests with answers.
    public var context: [UInt8]
}

/// How `reportSnapshot(to:status:)` describes the outcome of sending a snapshot.
public enum SnapshotStatus: Sendable, Hashable {
    /// The follower received the snapshot.
    case finished
    /// Sending failed; the leader will retry by probing again.
    case failed
}

/// How the leader serves `readIndex` (thesis §6.4).
public enum ReadOnlyOption: Sendable, Hashable {
    /// Confirm leadership with a heartbeat round before answering (thesis §6.4).
    case safe
    /// Trust the leader lease instead of a heartbeat round while it is provably valid
    /// (thesis §6.4.1), falling back to the heartbeat round otherwise. Requires check-quorum.
    ///
    /// The lease starts at the tick the leader sent the newest heartbeat that a quorum (both
    /// majorities when joint) acknowledged, and lasts `electionTick` minus
    /// `RaftNode.leaseSafetyMarginTicks` ticks of the leader's clock: each acknowledging
    /// voter promised not to vote (or pre-vote) for `electionTick` of its own ticks, so no
    /// other leader can be elected before the lease ends. A leader that sends `timeoutNow`
    /// (leadership transfer, thesis §3.10) forfeits its lease for the rest of its term, and
    /// a restarted replica grants no vote for its first `electionTick` ticks, since it may
    /// have promised a lease it forgot.
    ///
    /// Assumptions a real deployment must uphold:
    /// * every replica uses `.leaseBased` (followers keep the promise only in this mode);
    /// * ticks advance at the same rate on every replica: over one election timeout, clocks
    ///   drift apart by less than one tick (e.g. < 10% with `electionTick = 10`) — the
    ///   margin's second tick; the first absorbs the offset between tick boundaries;
    /// * a process that was paused (GC, swapping, a stopped VM) delivers every tick it
    ///   missed before it steps further messages or reads;
    /// * the Shell does not call `campaign()` on a follower that may be inside a lease.
    ///
    /// Where these cannot be guaranteed, use `.safe`.
    case leaseBased
}
