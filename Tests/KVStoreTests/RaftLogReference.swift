import Raft

@testable import KVStore

/// `MemoryStorage` driven through `RaftLogStore`'s write vocabulary: the oracle of the
/// differential tests. Where `RaftLogStore` documents a choice `MemoryStorage` has no call for
/// (keeping the entries after a snapshot whose last included entry the log holds, refusing a
/// gap with `.storageFailure`, a snapshot and a compaction in one call), this composes
/// `MemoryStorage`'s own calls to the documented result.
struct ReferenceLog {
    let memory = MemoryStorage()

    var isEmpty: Bool {
        (try? memory.initialState().hardState) == HardState() && (try? memory.snapshot()) == Snapshot()
            && (try? memory.lastIndex()) == 0
    }

    func persist(hardState: HardState?, entries: [LogEntry], snapshot: SnapshotMetadata?) throws(RaftError) {
        if let snapshot {
            guard snapshot.index > (try memory.snapshot().metadata.index) else { throw .snapshotOutOfDate }
            // Raft paper §7: a log holding the snapshot's last included entry keeps what follows.
            var kept: [LogEntry] = []
            if let term = try? memory.term(at: snapshot.index), term == snapshot.term {
                kept = try memory.entries(from: snapshot.index + 1, to: memory.lastIndex() + 1, maxSize: .max)
            }
            try memory.applySnapshot(Snapshot(metadata: snapshot))
            try memory.append(kept)
        }
        let firstIndex = try memory.firstIndex()
        if let first = entries.first(where: { $0.index >= firstIndex }), first.index > (try memory.lastIndex()) + 1 {
            throw .storageFailure("gap")
        }
        try memory.append(entries)
        if let hardState { memory.setHardState(hardState) }
    }

    func createSnapshot(
        at index: UInt64, confState: ConfState, compactingThrough compactionIndex: UInt64?
    ) throws(RaftError) -> SnapshotMetadata {
        if let compactionIndex, compactionIndex > index { throw .storageFailure("beyond the snapshot") }
        let snapshot = try memory.createSnapshot(at: index, confState: confState, data: [])
        if let compactionIndex, compactionIndex >= (try memory.firstIndex()) {
            try memory.compact(through: compactionIndex)
        }
        return snapshot.metadata
    }

    func compact(through index: UInt64) throws(RaftError) {
        try memory.compact(through: index)
    }

    func bootstrap(voters: Set<NodeID>, learners: Set<NodeID>) throws(RaftError) {
        try memory.bootstrap(voters: voters, learners: learners)
    }
}
