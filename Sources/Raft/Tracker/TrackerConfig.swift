/// The membership as the leader tracks it: voters (possibly joint) and learners
/// (thesis §4.2.1 and §4.3).
struct TrackerConfig: Sendable, Hashable {
    var voters = JointConfig()
    /// Learners that are not voters in either half.
    var learners: Set<NodeID> = []
    /// Outgoing voters that become learners once the joint configuration is left (they
    /// cannot be learners yet: a node is never voter and learner at once).
    var learnersNext: Set<NodeID> = []
    var autoLeave = false

    var confState: ConfState {
        ConfState(
            voters: voters.incoming.voters,
            learners: learners,
            votersOutgoing: voters.outgoing.voters,
            learnersNext: learnersNext,
            autoLeave: autoLeave)
    }
}
