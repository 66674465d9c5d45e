import Raft

/// Writing what a `Ready` asks to persist.
extension RaftLogStore {
    /// Persists a `Ready`, all or nothing: as one journal record (one `fdatasync`) when it
    /// only appends (see `RaftLogStore+Journal.swift`), else in one LMDB write transaction
    /// that also checkpoints the journal. In order:
    ///
    /// 1. `snapshot` (the metadata of `Ready.snapshot`; the node stores the image itself):
    ///    refused with `.snapshotOutOfDate` unless beyond the latest snapshot. It becomes the
    ///    latest snapshot and the compaction point. Entries up to its index are discarded; the
    ///    entries after it are kept only if the log holds its last included entry with the same
    ///    term (Raft paper §7) — otherwise, when it lies beyond the log or conflicts, the whole
    ///    log goes, like etcd's `ApplySnapshot`. The commit index rises to its index.
    /// 2. `entries`, which must have consecutive indexes: those already compacted are ignored,
    ///    entries at and after the first new index are replaced (§5.3). Entries that would
    ///    leave a gap after the last entry are refused with `.storageFailure`.
    /// 3. `hardState`, written when it differs from the stored one.
    ///
    /// Nothing to write costs no transaction.
    public func persist(
        hardState: HardState? = nil, entries: [Raft.Entry] = [], snapshot: SnapshotMetadata? = nil
    ) throws(RaftError) {
        try Self.checkConsecutive(entries)
        if try appendToJournal(hardState: hardState, entries: entries, snapshot: snapshot) { return }
        try mutate("persisting a Ready") { state, transaction in
            let storedHardState = state.hardState
            if let snapshot { try apply(snapshot, to: &state, in: transaction) }
            try append(entries, to: &state, in: transaction)
            if let hardState { state.hardState = hardState }
            if state.hardState != storedHardState { try tables.put(state.hardState, in: transaction) }
        }
    }

    /// Writes the initial state of a founding member of a new cluster (`Bootstrap`: the
    /// membership as committed entries 1…n of term 1) in one commit. Refused with
    /// `.storageFailure` unless the store `isEmpty`: bootstrapping twice, or a store that
    /// already took part in a cluster, would rewrite history.
    public func bootstrap(_ initial: Bootstrap) throws(RaftError) {
        try Self.checkConsecutive(initial.entries)
        try mutate("bootstrapping") { state, transaction in
            guard state.isEmpty else {
                throw RaftError.storageFailure("cannot bootstrap the Raft log at \(path): it already holds state")
            }
            try append(initial.entries, to: &state, in: transaction)
            state.hardState = initial.hardState
            try tables.put(state.hardState, in: transaction)
        }
    }

    /// `bootstrap(_:)` with the `Bootstrap` of `voters` and `learners` (its errors for an
    /// invalid membership), like `MemoryStorage.bootstrap(voters:learners:)`.
    public func bootstrap(voters: Set<NodeID>, learners: Set<NodeID> = []) throws(RaftError) {
        try bootstrap(try Bootstrap(voters: voters, learners: learners))
    }

    // MARK: - Steps, inside a write transaction

    /// Records a snapshot received from the leader; see `persist`.
    private func apply(
        _ snapshot: SnapshotMetadata, to state: inout RaftLogState, in transaction: WriteTransaction
    ) throws {
        guard snapshot.index > state.snapshot.index else { throw RaftError.snapshotOutOfDate }
        var holdsLastIncluded = false
        if snapshot.index >= state.compactedThrough.index && snapshot.index <= state.lastIndex {
            holdsLastIncluded = try storedTerm(at: snapshot.index, state, transaction) == snapshot.term
        }
        if holdsLastIncluded {
            try deleteEntries(through: snapshot.index, state, transaction)
        } else {
            try tables.deleteAllEntries(in: transaction)
            state.lastIndex = snapshot.index
            state.lastTerm = snapshot.term
        }
        state.snapshot = snapshot
        state.compactedThrough = LogPosition(index: snapshot.index, term: snapshot.term)
        state.hardState.commit = max(state.hardState.commit, snapshot.index)
        try tables.put(snapshot, in: transaction)
        try tables.putCompactedThrough(state.compactedThrough, in: transaction)
    }

    /// Appends entries, replacing a conflicting suffix; see `persist`.
    private func append(_ entries: [Raft.Entry], to state: inout RaftLogState, in transaction: WriteTransaction) throws
    {
        let retained = entries.drop { $0.index < state.firstIndex }
        guard let first = retained.first, let last = retained.last else { return }
        guard first.index <= state.lastIndex + 1 else {
            throw RaftError.storageFailure(
                "cannot append entries \(first.index)...\(last.index) to the Raft log at \(path), which ends at"
                    + " \(state.lastIndex): that would leave a gap")
        }
        if first.index <= state.lastIndex {
            try tables.deleteEntries(from: first.index, firstIndex: state.firstIndex, in: transaction)
        }
        for entry in retained { try tables.put(entry, in: transaction) }
        state.lastIndex = last.index
        state.lastTerm = last.term
    }

    /// Refuses entries whose indexes do not follow each other: stored under their indexes,
    /// they would leave holes or overwrite each other.
    static func checkConsecutive(_ entries: [Raft.Entry]) throws(RaftError) {
        for (previous, next) in zip(entries, entries.dropFirst()) where next.index != previous.index &+ 1 {
            throw .storageFailure(
                "entries to persist must have consecutive indexes, but \(next.index) follows \(previous.index)")
        }
    }
}
