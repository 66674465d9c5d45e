import Foundation
import KVStore
import Logging
import Raft

/// Opens a node's storage and builds its shell loop: the state environment, the Raft log (with
/// the cluster's bootstrap on a founding member's first start), and the reconciliation of the two
/// after a crash.
enum NodeStartup {
    static func makeLoop(
        configuration: NodeConfiguration, directory: DataDirectory, messenger: any PeerMessenger,
        applier: any CommandApplier, logger: Logger
    ) throws -> ShellLoop {
        let raftID = NodeNaming.raftID(forNode: configuration.name)
        let generations = StateGenerations(folder: directory.state)
        let snapshots = SnapshotFiles(folder: directory.snapshots)
        let environment = try generations.openCurrent()
        try StateStore.prepareTables(in: environment)
        let (applied, members) = try environment.read { transaction in
            (
                try AppliedState.load(from: transaction, in: environment),
                try MemberDirectory.all(in: transaction, environment: environment)
            )
        }
        let log: RaftLogStore
        do {
            log = try RaftLogStore.open(at: directory.raftLog)
        } catch {
            throw NodeStartError.storage("cannot open the Raft log at \(directory.raftLog): \(error)")
        }
        if log.isEmpty && applied.index == 0 && !configuration.join {
            let voters = Set(configuration.initialPeers.keys.map(NodeNaming.raftID(forNode:)))
            try log.bootstrap(try Bootstrap(voters: voters))
            logger.info("bootstrapped a new cluster with \(configuration.initialPeers.keys.sorted())")
        }
        try reconcile(log: log, with: applied, logger: logger)

        var raftConfiguration = RaftConfig(id: raftID)
        raftConfiguration.electionTick = configuration.tuning.electionTicks
        raftConfiguration.heartbeatTick = 1
        raftConfiguration.applied = try log.snapshot().metadata.index
        raftConfiguration.checkQuorum = true
        raftConfiguration.preVote = true
        raftConfiguration.maxSizePerMessage = 1 << 20
        raftConfiguration.maxUncommittedEntriesSize = 64 << 20
        raftConfiguration.maxCommittedSizePerReady = 16 << 20
        raftConfiguration.randomGenerator = SystemRandomNumberGenerator()
        let raft = try RaftNode(config: raftConfiguration, storage: log)

        var initialPeers: [NodeID: (name: String, address: HostPort)] = [:]
        for (name, address) in configuration.initialPeers {
            initialPeers[NodeNaming.raftID(forNode: name)] = (name, address)
        }
        let identity = ShellIdentity(
            name: configuration.name, raftID: raftID, region: configuration.region,
            record: MemberRecord(
                name: configuration.name, raftAddress: configuration.raftAddress.description,
                httpAddress: configuration.httpAddress.description, region: configuration.region),
            initialPeers: initialPeers)
        return ShellLoop(
            identity: identity, tuning: configuration.tuning, raft: raft, log: log,
            stateStore: StateStore(environment: environment), generations: generations, snapshots: snapshots,
            applier: applier, messenger: messenger, applied: applied, members: members,
            logger: logger)
    }

    /// Makes the Raft log agree with the state after a crash.
    ///
    /// The state may be ahead of the log: a snapshot from the leader replaces the state before
    /// the log records it. Then the log is told about that snapshot (its entries up to there are
    /// history the state already holds). The state may never be behind the log's snapshot point,
    /// because the log is only compacted after the state is synced; if it is, the data folder was
    /// damaged by hand and the node refuses to guess.
    private static func reconcile(log: RaftLogStore, with applied: AppliedState, logger: Logger) throws {
        let logSnapshot = try log.snapshot().metadata
        let lastIndex = try log.lastIndex()
        if applied.index < logSnapshot.index {
            throw NodeStartError.storage(
                "the state is at index \(applied.index) but the Raft log was compacted to \(logSnapshot.index); "
                    + "restore this node from a backup or remove its data folder and re-add it")
        }
        if applied.index > lastIndex || (applied.index > 0 && (try? log.term(at: applied.index)) != applied.term) {
            let hardState = try log.initialState().hardState
            var repaired = hardState
            repaired.commit = max(hardState.commit, applied.index)
            repaired.term = max(hardState.term, applied.term)
            try log.persist(hardState: repaired, entries: [], snapshot: applied.snapshotMetadata)
            logger.notice("the state is at index \(applied.index), ahead of the log; recorded it as the log's snapshot")
        }
    }
}
