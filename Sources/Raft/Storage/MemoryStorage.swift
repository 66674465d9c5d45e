import Synchronization

/// An in-memory `Storage` for tests and simulations. It is a class because the node and
/// the Shell share one log: the Shell appends while the node reads.
///
/// `Sendable` because every access goes through the `Mutex`.
public final class MemoryStorage: Storage, Sendable {
    private struct State {
        var hardState = HardState()
        var snapshot = Snapshot()
        /// The last discarded entry; its term stays known so that the entry after it can
        /// still be matched (Raft paper §7, "last included index and term").
        var compactedThrough = EntryID(term: 0, index: 0)
        /// Entries after `compactedThrough`, contiguous.
        var entries: [Entry] = []

        var firstIndex: UInt64 { compactedThrough.index + 1 }
        var lastIndex: UInt64 { compactedThrough.index + UInt64(entries.count) }

        func position(of index: UInt64) -> Int { Int(index - firstIndex) }

        func term(at index: UInt64) throws(RaftError) -> UInt64 {
            if index == compactedThrough.index { return compactedThrough.term }
            guard index >= firstIndex else { throw .compacted }
            guard index <= lastIndex else { throw .unavailable }
            return entries[position(of: index)].term
        }
    }

    private let state: Mutex<State>

    /// Creates a storage with an empty log whose configuration is `bootstrap`, recorded only
    /// as the configuration of the empty snapshot at index 0 (etcd's test storage
    /// `withPeers`). That membership never reaches the log, so it suits a cluster whose every
    /// replica is created this way with the same configuration (fixed-membership tests and
    /// benchmarks); a replica that starts empty and replays the log cannot learn it. A new
    /// cluster that takes members later bootstraps with `bootstrap(voters:learners:)`, and
    /// its joiners start from `MemoryStorage()`.
    public init(bootstrap: ConfState = ConfState()) {
        var initial = State()
        initial.snapshot.metadata.confState = bootstrap
        state = Mutex(initial)
    }

    /// Writes the initial state of a founding member of a brand-new cluster (`Bootstrap`:
    /// the membership as committed entries 1…n of term 1) into this storage. Throws
    /// `.storageFailure` unless the storage is empty, and `Bootstrap`'s errors for an
    /// invalid membership.
    public func bootstrap(voters: Set<NodeID>, learners: Set<NodeID> = []) throws(RaftError) {
        let initial = try Bootstrap(voters: voters, learners: learners)
        try state.withLock { state throws(RaftError) in
            guard state.hardState == HardState(), state.snapshot == Snapshot(), state.lastIndex == 0 else {
                throw .storageFailure("cannot bootstrap a storage that already holds state")
            }
            state.entries = initial.entries
            state.hardState = initial.hardState
        }
    }

    public func initialState() throws(RaftError) -> InitialState {
        state.withLock {
            InitialState(hardState: $0.hardState, confState: $0.snapshot.metadata.confState)
        }
    }

    public func entries(
        from low: UInt64, to high: UInt64, maxSize: UInt64
    ) throws(RaftError)
        -> [Entry]
    {
        try state.withLock { state throws(RaftError) in
            guard low >= state.firstIndex else { throw .compacted }
            guard high <= state.lastIndex + 1 else { throw .unavailable }
            guard low < high else { return [] }
            let range = state.position(of: low)..<state.position(of: high)
            return Array(state.entries[range].limited(toSize: maxSize))
        }
    }

    public func term(at index: UInt64) throws(RaftError) -> UInt64 {
        try state.withLock { state throws(RaftError) in try state.term(at: index) }
    }

    public func firstIndex() throws(RaftError) -> UInt64 { state.withLock { $0.firstIndex } }

    public func lastIndex() throws(RaftError) -> UInt64 { state.withLock { $0.lastIndex } }

    public func snapshot() throws(RaftError) -> Snapshot { state.withLock { $0.snapshot } }

    /// Persists the hard state of a `Ready`.
    public func setHardState(_ hardState: HardState) {
        state.withLock { $0.hardState = hardState }
    }

    /// Persists entries of a `Ready`: entries already compacted are ignored, and a
    /// conflicting suffix is replaced (Raft paper §5.3).
    public func append(_ newEntries: [Entry]) throws(RaftError) {
        try state.withLock { state throws(RaftError) in
            let retained = newEntries.drop { $0.index < state.firstIndex }
            guard let first = retained.first else { return }
            guard first.index <= state.lastIndex + 1 else { throw .unavailable }
            state.entries.removeSubrange(state.position(of: first.index)...)
            state.entries.append(contentsOf: retained)
        }
    }

    /// Replaces the whole log with a snapshot received from the leader (§7).
    public func applySnapshot(_ snapshot: Snapshot) throws(RaftError) {
        try state.withLock { state throws(RaftError) in
            guard snapshot.metadata.index > state.snapshot.metadata.index else {
                throw .snapshotOutOfDate
            }
            state.snapshot = snapshot
            state.compactedThrough = EntryID(term: snapshot.metadata.term, index: snapshot.metadata.index)
            state.entries = []
            state.hardState.commit = max(state.hardState.commit, snapshot.metadata.index)
        }
    }

    /// Records a snapshot of the state machine at `index` (which the caller has applied),
    /// to be served to lagging followers. It does not discard entries: call
    /// `compact(through:)` for that, typically keeping some entries for slow followers.
    @discardableResult
    public func createSnapshot(
        at index: UInt64, confState: ConfState, data: [UInt8]
    )
        throws(RaftError) -> Snapshot
    {
        try state.withLock { state throws(RaftError) in
            guard index > state.snapshot.metadata.index else { throw .snapshotOutOfDate }
            let metadata = SnapshotMetadata(index: index, term: try state.term(at: index), confState: confState)
            state.snapshot = Snapshot(metadata: metadata, data: data)
            return state.snapshot
        }
    }

    /// Discards entries up to and including `index` (log compaction, Raft paper §7). The
    /// caller should have taken a snapshot at or beyond `index` first, or followers that
    /// need the discarded entries cannot be caught up.
    public func compact(through index: UInt64) throws(RaftError) {
        try state.withLock { state throws(RaftError) in
            guard index >= state.firstIndex else { throw .compacted }
            let term = try state.term(at: index)
            state.entries.removeFirst(state.position(of: index) + 1)
            state.compactedThrough = EntryID(term: term, index: index)
        }
    }
}
