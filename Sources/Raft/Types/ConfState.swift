/// The membership configuration in effect, as recorded in snapshots and returned by
/// `RaftNode.applyConfChange` (thesis §4.3, joint consensus; §4.2.1, learners).
public struct ConfState: Sendable, Hashable {
    /// Voters of the incoming (or only) majority.
    public var voters: Set<NodeID>
    /// Non-voting members that receive the log (thesis §4.2.1 "catching up new servers").
    public var learners: Set<NodeID>
    /// Voters of the outgoing majority; non-empty exactly while in a joint configuration.
    public var votersOutgoing: Set<NodeID>
    /// Voters of the outgoing majority that become learners when the joint state is left.
    public var learnersNext: Set<NodeID>
    /// Whether the leader leaves the joint configuration on its own once it is applied.
    public var autoLeave: Bool

    /// Creates a configuration; `ConfState(voters: [1, 2, 3])` bootstraps a plain cluster.
    public init(
        voters: Set<NodeID> = [],
        learners: Set<NodeID> = [],
        votersOutgoing: Set<NodeID> = [],
        learnersNext: Set<NodeID> = [],
        autoLeave: Bool = false
    ) {
        self.voters = voters
        self.learners = learners
        self.votersOutgoing = votersOutgoing
        self.learnersNext = learnersNext
        self.autoLeave = autoLeave
    }

    /// Whether `id` is part of this configuration in any role.
    public func contains(_ id: NodeID) -> Bool {
        voters.contains(id) || learners.contains(id) || votersOutgoing.contains(id)
            || learnersNext.contains(id)
    }
}
