import Raft

/// Snapshots the node takes of its own state machine, and log compaction behind them.
///
/// As in `MemoryStorage` (and etcd), recording a snapshot and discarding entries are two
/// ideas: the snapshot is what lagging followers are sent, the compaction point is where the
/// log begins. The node usually keeps some entries behind its snapshot, so that a follower
/// only slightly behind gets entries rather than a whole snapshot: `firstIndex()` is then
/// below the snapshot's index while `snapshot()` still returns the snapshot.
extension RaftLogStore {
    /// Records a snapshot of the state machine at `index` (applied by the node, with
    /// `confState` the configuration as of `index`); the term is the log's. With
    /// `compactingThrough`, also discards the entries through that index (at most `index`) in
    /// the same commit; entries already discarded are no error there.
    ///
    /// Throws `.snapshotOutOfDate` unless `index` is beyond the latest snapshot, and
    /// `.compacted` or `.unavailable` when the log no longer or not yet knows `index`'s term
    /// (`MemoryStorage.createSnapshot`). The image itself is the node's to store.
    @discardableResult
    public func createSnapshot(
        at index: UInt64, confState: ConfState, compactingThrough compactionIndex: UInt64? = nil
    ) throws(RaftError) -> SnapshotMetadata {
        if let compactionIndex, compactionIndex > index {
            throw .storageFailure("cannot compact through \(compactionIndex), beyond the snapshot at \(index)")
        }
        return try mutate("recording the snapshot at \(index)") { state, transaction in
            guard index > state.snapshot.index else { throw RaftError.snapshotOutOfDate }
            let metadata = SnapshotMetadata(
                index: index, term: try storedTerm(at: index, state, transaction), confState: confState)
            state.snapshot = metadata
            try tables.put(metadata, in: transaction)
            if let compactionIndex, compactionIndex >= state.firstIndex {
                try compact(through: compactionIndex, &state, transaction)
            }
            return metadata
        }
    }

    /// Discards the entries up to and including `index` (log compaction, Raft paper §7),
    /// keeping its term as the compaction point. `.compacted` if `index` was already
    /// discarded, `.unavailable` if beyond the last entry (`MemoryStorage.compact`). Take a
    /// snapshot at or beyond `index` first, or followers that need the entries cannot be
    /// caught up.
    public func compact(through index: UInt64) throws(RaftError) {
        try mutate("compacting through \(index)") { state, transaction in
            try compact(through: index, &state, transaction)
        }
    }

    // MARK: - Steps, inside a write transaction

    private func compact(through index: UInt64, _ state: inout RaftLogState, _ transaction: WriteTransaction) throws {
        guard index >= state.firstIndex else { throw RaftError.compacted }
        let term = try storedTerm(at: index, state, transaction)
        try deleteEntries(through: index, state, transaction)
        state.compactedThrough = LogPosition(index: index, term: term)
        try tables.putCompactedThrough(state.compactedThrough, in: transaction)
    }

    /// Deletes the entries through `index` that the log still holds.
    func deleteEntries(through index: UInt64, _ state: RaftLogState, _ transaction: WriteTransaction) throws {
        guard index >= state.firstIndex, !state.logIsEmpty else { return }
        try tables.deleteEntries(through: index, lastIndex: state.lastIndex, in: transaction)
    }

    /// The term at `index` as `MemoryStorage.State.term(at:)` finds it, reading the log
    /// through `transaction`; inside a write the cache and the log must agree, so a missing
    /// entry is damage.
    func storedTerm(at index: UInt64, _ state: RaftLogState, _ transaction: ReadTransaction) throws -> UInt64 {
        switch try state.termSource(at: index) {
        case .known(let term):
            return term
        case .stored:
            guard let entry = try tables.entry(at: index, in: transaction) else {
                throw RaftError.storageFailure(
                    "entry \(index) is missing from the Raft log at \(path), which should hold"
                        + " \(state.firstIndex)...\(state.lastIndex)")
            }
            return entry.term
        }
    }
}
