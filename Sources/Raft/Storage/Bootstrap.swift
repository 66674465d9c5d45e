/// The initial durable state of a founding member of a brand-new cluster (etcd's
/// `RawNode.Bootstrap`), independent of any `Storage` implementation: persist `entries` and
/// `hardState` into the empty storage of every founding member, then start its `RaftNode`.
/// Members added later start from an empty storage.
///
/// The membership is written *into the log* — one committed configuration change per member,
/// at term 1 and indexes 1…n — because configuration changes travel through the log (thesis
/// §4.1). A replica added later starts with an empty configuration, so it cannot campaign;
/// it then receives the log from index 1 (or a snapshot, which carries the configuration) and
/// replays these entries like any later change, so it reconstructs the whole membership. A
/// membership known only to the founders' storage (for instance as the configuration of an
/// empty snapshot) is invisible to such a joiner: replaying the later changes from nothing,
/// it would count itself as the only voter and elect itself, breaking Election Safety.
///
/// The entries are committed from the start (every founder holds them at the same index and
/// term), so a new node hands them out in its first `Ready` and the Shell applies them with
/// `RaftNode.applyConfChange(_:)` like any committed change; the node campaigns only once they
/// are applied.
public struct Bootstrap: Sendable, Hashable {
    /// One `.confChange` entry per member, each adding a single node (voters first, then
    /// learners, each in ascending id order): term 1, indexes from 1.
    public let entries: [Entry]
    /// Term 1 (the term of `entries`), no vote, committed through the last entry.
    public let hardState: HardState

    /// The initial state of a cluster of `voters` and `learners`. Throws
    /// `.invalidConfig(.zeroNodeID)` for a zero id, `.invalidConfChange(.removedAllVoters)`
    /// without voters and `.invalidConfChange(.voterAndLearner(_:))` for a node in both sets.
    public init(voters: Set<NodeID>, learners: Set<NodeID> = []) throws(RaftError) {
        guard !voters.contains(0), !learners.contains(0) else { throw .invalidConfig(.zeroNodeID) }
        guard !voters.isEmpty else { throw .invalidConfChange(.removedAllVoters) }
        if let both = voters.intersection(learners).min() { throw .invalidConfChange(.voterAndLearner(both)) }
        let steps =
            voters.sorted().map { ConfChange.Step(.addVoter, $0) }
            + learners.sorted().map { ConfChange.Step(.addLearner, $0) }
        // Single-node changes: several steps in one change would enter joint consensus.
        entries = steps.enumerated().map { offset, step in
            Entry(index: UInt64(offset + 1), term: 1, kind: .confChange, data: ConfChange(steps: [step]).encoded())
        }
        hardState = HardState(term: 1, commit: UInt64(steps.count))
    }
}
