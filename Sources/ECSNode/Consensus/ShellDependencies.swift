import KVStore
import PeerTransport
import Raft

/// The durable Raft log as the shell writes it: one call per `Ready`, one compaction per snapshot.
protocol DurableRaftLog: Storage, AnyObject {
    /// Appends `entries` (replacing a conflicting suffix), records `hardState` and `snapshot`,
    /// durably and all or nothing.
    func persist(hardState: HardState?, entries: [Raft.Entry], snapshot: SnapshotMetadata?) throws
    /// Moves what the write-ahead journal holds into the log's main store, so that the next
    /// start has nothing to replay (durability does not depend on it).
    func checkpoint() throws
    /// Records a snapshot of the applied state at `metadata.index` and drops the log through
    /// `index` (at most the snapshot's), in one commit.
    func recordSnapshot(_ metadata: SnapshotMetadata, compactingThrough index: UInt64) throws
}

/// Sends Raft messages to peers without waiting for the network.
protocol PeerMessenger: Sendable {
    func send(_ messages: [Message])
    /// Where the peers are now (after a membership change).
    func updatePeers(_ peers: [NodeID: PeerAddress])
}

/// Applies one config-domain command inside the shell's apply transaction. Deterministic; throws
/// only for storage failures, which stop the node.
protocol CommandApplier: Sendable {
    func apply(
        _ command: [UInt8], at index: UInt64, in transaction: WriteTransaction, environment: Environment
    )
        throws -> CommandOutcome
}
