/// A point-in-time view of a replica for operators and tests (etcd's `Status`).
public struct Status: Sendable, Hashable {
    /// The replica.
    public var id: NodeID
    /// Its role.
    public var role: Role
    /// Its current term.
    public var term: UInt64
    /// Whom it voted for in `term`.
    public var vote: NodeID?
    /// The leader it knows of.
    public var leader: NodeID?
    /// Highest committed index.
    public var commitIndex: UInt64
    /// Highest index the Shell confirmed applied.
    public var appliedIndex: UInt64
    /// Target of an ongoing leadership transfer (leader only).
    public var leadTransferee: NodeID?
    /// The configuration in effect.
    public var confState: ConfState
    /// Replication progress per member; empty unless this replica is the leader.
    public var progress: [NodeID: Progress]
}

extension RaftNode {
    /// The current status; cheap enough to poll.
    public var status: Status {
        Status(
            id: id,
            role: role,
            term: term,
            vote: vote,
            leader: leader,
            commitIndex: log.commitIndex,
            appliedIndex: log.appliedIndex,
            leadTransferee: leadTransferee,
            confState: tracker.config.confState,
            progress: role == .leader ? tracker.progress.dictionary : [:])
    }
}
