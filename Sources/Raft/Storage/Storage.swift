/// What a replica restarts from: its persisted hard state and the configuration in effect.
public struct InitialState: Sendable, Hashable {
    /// Persisted term, vote and commit.
    public var hardState: HardState
    /// Membership as of the last applied configuration change or snapshot.
    public var confState: ConfState

    /// Creates an initial state.
    public init(hardState: HardState, confState: ConfState) {
        self.hardState = hardState
        self.confState = confState
    }
}

/// Read access to the durable log, hard state and latest snapshot. The Shell writes to its
/// storage while processing a `Ready`; the node only reads (Raft paper §5.1 persistent
/// state, §7 snapshots). An LMDB-backed log implements this in production; `MemoryStorage`
/// serves tests.
///
/// Errors: `.compacted` and `.unavailable` are expected and handled (the node falls back to
/// snapshots); `.snapshotTemporarilyUnavailable` makes the leader retry later; any other
/// error, notably `.storageFailure`, stops the node with a precondition failure because
/// Raft's safety depends on storage being truthful.
public protocol Storage {
    /// The hard state and configuration to restart from.
    func initialState() throws(RaftError) -> InitialState
    /// Entries in `[low, high)`, limited to about `maxSize` bytes but at least one entry.
    /// Throws `.compacted` if `low` precedes `firstIndex()`, `.unavailable` if `high - 1`
    /// exceeds `lastIndex()`.
    func entries(from low: UInt64, to high: UInt64, maxSize: UInt64) throws(RaftError) -> [Entry]
    /// Term of the entry at `index`; `index` may be `firstIndex() - 1`, the snapshot's index.
    func term(at index: UInt64) throws(RaftError) -> UInt64
    /// Index of the first entry still available (snapshot index + 1).
    func firstIndex() throws(RaftError) -> UInt64
    /// Index of the last entry (the snapshot index when the log is empty).
    func lastIndex() throws(RaftError) -> UInt64
    /// The most recent snapshot, used to catch up lagging followers (§7).
    func snapshot() throws(RaftError) -> Snapshot
}
