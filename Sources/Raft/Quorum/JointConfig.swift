/// Two majorities that must both agree while the cluster moves between configurations
/// (thesis §4.3, joint consensus: "agreement requires separate majorities from both the
/// old and new configurations"). Outside a transition `outgoing` is empty.
struct JointConfig: Sendable, Hashable {
    var incoming: MajorityConfig
    var outgoing: MajorityConfig

    init(incoming: MajorityConfig = MajorityConfig(), outgoing: MajorityConfig = MajorityConfig()) {
        self.incoming = incoming
        self.outgoing = outgoing
    }

    var isJoint: Bool { !outgoing.isEmpty }

    /// Every voter of either half.
    var allVoters: Set<NodeID> { incoming.voters.union(outgoing.voters) }

    func contains(_ id: NodeID) -> Bool {
        incoming.voters.contains(id) || outgoing.voters.contains(id)
    }

    /// Committed only when committed in both halves.
    func committedIndex(matchIndex: (NodeID) -> UInt64?) -> UInt64 {
        min(incoming.committedIndex(matchIndex: matchIndex), outgoing.committedIndex(matchIndex: matchIndex))
    }

    /// Won only when both halves win; lost as soon as either loses.
    func voteResult(_ votes: [NodeID: Bool]) -> VoteResult {
        switch (incoming.voteResult(votes), outgoing.voteResult(votes)) {
        case (.won, .won): .won
        case (.lost, _), (_, .lost): .lost
        case (.pending, _), (_, .pending): .pending
        }
    }
}
