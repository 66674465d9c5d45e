import Raft

/// Everything about the log that fits in a few words, kept in memory so that the hot calls
/// of the Raft core (`firstIndex`, `lastIndex`, the last term, `snapshot`, `initialState`)
/// never touch LMDB. It mirrors `MemoryStorage`'s state without the entries themselves, and
/// is replaced only after the write transaction that changed the store has committed.
struct RaftLogState: Sendable, Hashable {
    var hardState = HardState()
    /// The latest snapshot recorded (by the node, or received from a leader).
    var snapshot = SnapshotMetadata()
    /// The last discarded entry; the log holds exactly `firstIndex...lastIndex`.
    var compactedThrough = LogPosition.origin
    /// Index of the last entry, `compactedThrough.index` when the log is empty.
    var lastIndex: UInt64 = 0
    /// Term of the entry at `lastIndex` (of `compactedThrough` when the log is empty): the
    /// core asks for it on every append and vote.
    var lastTerm: UInt64 = 0

    var firstIndex: UInt64 { compactedThrough.index + 1 }

    /// Whether the log holds no entries (it may still have been compacted).
    var logIsEmpty: Bool { lastIndex == compactedThrough.index }

    /// Nothing was ever written: no term, vote, commit, snapshot or entry (what `Bootstrap`
    /// requires, like `MemoryStorage.bootstrap`).
    var isEmpty: Bool {
        hardState == HardState() && snapshot == SnapshotMetadata() && lastIndex == 0
    }

    /// Where the term of `index` comes from, with `MemoryStorage`'s errors: the compaction
    /// point and the last entry are known here, other entries must be read from the log.
    func termSource(at index: UInt64) throws(RaftError) -> TermSource {
        if index == compactedThrough.index { return .known(compactedThrough.term) }
        guard index >= firstIndex else { throw .compacted }
        guard index <= lastIndex else { throw .unavailable }
        return index == lastIndex ? .known(lastTerm) : .stored
    }

    /// `MemoryStorage.entries`'s bounds checks, in its order: `.compacted` before
    /// `.unavailable`. Returns whether there is anything to read.
    func checkRange(from low: UInt64, to high: UInt64) throws(RaftError) -> Bool {
        guard low >= firstIndex else { throw .compacted }
        guard high <= lastIndex + 1 else { throw .unavailable }
        return low < high
    }

    enum TermSource {
        case known(UInt64)
        case stored
    }
}

/// What readers see: the state and the journal's tail, always replaced together so that a
/// reader never sees one without the other.
struct PublishedLog: Sendable {
    var state: RaftLogState
    var tail = RaftLogTail()
}

/// What the writer in progress owns (under `RaftLogStore.writer`): the state as committed
/// (LMDB plus the journal) and where LMDB and the journal stand. The tail itself lives only in
/// the published value, so that appending to it copies no entries.
struct RaftLogWriterState: Sendable {
    var committed: RaftLogState
    /// The last entry LMDB holds; the tail holds the entries after it.
    var durableLastIndex: UInt64
    /// Where the next journal record goes: 0 when nothing was journaled since the checkpoint.
    var journalOffset = 0
    /// The seq of the next journal record; the one before is the last written.
    var nextSeq: UInt64
}
