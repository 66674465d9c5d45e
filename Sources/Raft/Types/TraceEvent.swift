/// A state transition recorded for operators and simulation checkers when
/// `RaftConfig.traceEnabled` is set; delivered in `Ready.trace`. Nothing is built when
/// tracing is off.
public enum TraceEvent: Sendable, Hashable {
    /// The replica changed role or term.
    case roleChanged(role: Role, term: UInt64, leader: NodeID?)
    /// The commit index advanced.
    case committed(index: UInt64)
    /// A membership configuration took effect.
    case configurationChanged(ConfState)
    /// The log was replaced by a snapshot.
    case snapshotRestored(SnapshotMetadata)
    /// The leader started handing leadership to `transferee`.
    case leadershipTransferStarted(transferee: NodeID)
    /// A leadership transfer was abandoned.
    case leadershipTransferAborted(transferee: NodeID)
    /// The leader stepped down because it did not hear from a quorum (check-quorum).
    case quorumLost(term: UInt64)
}
