/// The state a replica must persist before answering any RPC (Raft paper Figure 2,
/// "Persistent state on all servers"), plus the commit index so that a restart does not
/// need to re-learn it.
public struct HardState: Sendable, Hashable {
    /// Latest term this server has seen.
    public var term: UInt64
    /// Candidate that received this server's vote in `term`, if any.
    public var vote: NodeID?
    /// Highest log index known to be committed.
    public var commit: UInt64

    /// Creates a hard state; the zero value is the state of a brand-new replica.
    public init(term: UInt64 = 0, vote: NodeID? = nil, commit: UInt64 = 0) {
        self.term = term
        self.vote = vote
        self.commit = commit
    }
}
