import Raft

/// One member of the simulated cluster: the durable part that survives a crash (storage and
/// the applied state machine, written together like the LMDB node will) and the `RaftNode`
/// that a crash throws away.
final class SimulatedReplica {
    let id: NodeID
    /// The durable log, hard state and snapshot.
    let storage: MemoryStorage
    /// The state machine; durable, and only ever moved forward together with `appliedIndex`.
    var stateHash = StateHash()
    var appliedIndex: UInt64 = 0
    /// The membership as of `appliedIndex`, for the snapshots this replica takes.
    var confState = ConfState()
    /// The live instance, or `nil` while crashed.
    var node: RaftNode?
    /// The tick at which a crashed replica comes back.
    var restartAt: Int?

    /// A replica with empty storage: a spare that learns the membership from the log once it
    /// is added, unless `bootstrap` makes it a founding member.
    init(id: NodeID) {
        self.id = id
        self.storage = MemoryStorage()
    }

    /// Makes this replica a founding member: the initial membership becomes the first entries
    /// of its log, which it applies like any committed configuration change.
    func bootstrap(voters: Set<NodeID>, learners: Set<NodeID>) throws(RaftError) {
        try storage.bootstrap(voters: voters, learners: learners)
    }

    var isUp: Bool { node != nil }

    /// Builds a fresh instance from the durable state, as a process restart would.
    ///
    /// The instance starts applying right after the storage's snapshot, so configuration
    /// changes after it are handed out again and re-applied to the new instance; the state
    /// machine skips the entries it already holds.
    func start(config template: RaftConfig, seed: UInt64) throws(RaftError) {
        var config = template
        config.id = id
        config.randomGenerator = SeededGenerator(seed: seed)
        config.applied = try storage.snapshot().metadata.index
        node = try RaftNode(config: config, storage: storage)
    }

    func crash(restartAt tick: Int) {
        node = nil
        restartAt = tick
    }
}
