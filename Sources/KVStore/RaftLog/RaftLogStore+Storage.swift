import Raft

/// `Storage`: what the Raft core reads, answered as `MemoryStorage` answers.
extension RaftLogStore {
    /// The persisted hard state and the configuration of the latest snapshot (the core
    /// replays the configuration changes of the log after it).
    public func initialState() throws(RaftError) -> InitialState {
        published.withLock { InitialState(hardState: $0.state.hardState, confState: $0.state.snapshot.confState) }
    }

    /// Entries `[low, high)` from one LMDB read transaction and then the journal's tail,
    /// limited to about `maxSize` bytes (payload plus 17 bytes each, as the core counts) but at
    /// least one. `.compacted` if `low < firstIndex()`, else `.unavailable` if
    /// `high > lastIndex() + 1`.
    public func entries(from low: UInt64, to high: UInt64, maxSize: UInt64) throws(RaftError) -> [Raft.Entry] {
        try consistentRead { published throws(RaftError) in
            try entries(from: low, to: high, maxSize: maxSize, in: published)
        } missing: { published in
            let state = published.state
            return "entries \(low)..<\(high) are not all in the Raft log at \(path), which should hold"
                + " \(state.firstIndex)...\(state.lastIndex)"
        }
    }

    /// The term of the entry at `index`, which may be `firstIndex() - 1` (the compaction
    /// point). The compaction point, the last entry and the tail are answered from memory.
    public func term(at index: UInt64) throws(RaftError) -> UInt64 {
        try consistentRead { published throws(RaftError) in
            try term(at: index, in: published)
        } missing: { published in
            let state = published.state
            return "entry \(index) is missing from the Raft log at \(path), which should hold"
                + " \(state.firstIndex)...\(state.lastIndex)"
        }
    }

    /// The compaction point plus one (`MemoryStorage`'s definition): the latest snapshot's
    /// index plus one, unless entries behind the snapshot were kept for slow followers.
    public func firstIndex() throws(RaftError) -> UInt64 { published.withLock { $0.state.firstIndex } }

    /// The last entry's index, or the compaction point when the log is empty.
    public func lastIndex() throws(RaftError) -> UInt64 { published.withLock { $0.state.lastIndex } }

    /// The latest snapshot's metadata with empty `data`: the node keeps the image itself in a
    /// file and streams it to followers apart from the Raft message.
    public func snapshot() throws(RaftError) -> Snapshot {
        published.withLock { Snapshot(metadata: $0.state.snapshot) }
    }

    // MARK: - Reading consistently

    /// Runs `read` against the published state and tail. `read` returns `nil` when LMDB lacks
    /// an entry the state says it holds: a write committed after the state was taken, or
    /// damage. Then the read is repeated under the writer lock — no write is in flight there,
    /// so what is published and the log agree — and a second miss is damage, reported as
    /// `missing` says.
    private func consistentRead<T: Sendable>(
        _ read: (PublishedLog) throws(RaftError) -> T?, missing: (PublishedLog) -> String
    ) throws(RaftError) -> T {
        if let result = try read(published.withLock { $0 }) { return result }
        return try writer.withLock { _ throws(RaftError) -> T in
            let current = published.withLock { $0 }
            guard let result = try read(current) else { throw .storageFailure(missing(current)) }
            return result
        }
    }

    /// One attempt of `entries(from:to:maxSize:)` against `published`: `nil` when LMDB lacks
    /// an entry that `published` says the log holds.
    func entries(
        from low: UInt64, to high: UInt64, maxSize: UInt64, in published: PublishedLog
    )
        throws(RaftError) -> [Raft.Entry]?
    {
        guard try published.state.checkRange(from: low, to: high) else { return [] }
        var batch = EntryBatch(maxSize: maxSize)
        let storedEnd = min(high, published.tail.firstIndex ?? high)
        if low < storedEnd {
            let complete = try storageCall("reading entries \(low)..<\(storedEnd)") {
                try environment.read { transaction in
                    try readEntries(from: low, to: storedEnd, into: &batch, in: transaction)
                }
            }
            guard complete else { return nil }
        }
        for entry in published.tail.entries(from: low, to: high) where !batch.isFull {
            batch.add(entry)
        }
        return batch.entries
    }

    /// One attempt of `term(at:)` against `published`: `nil` when LMDB lacks the entry.
    func term(at index: UInt64, in published: PublishedLog) throws(RaftError) -> UInt64? {
        switch try published.state.termSource(at: index) {
        case .known(let term):
            return term
        case .stored:
            if let entry = published.tail.entry(at: index) { return entry.term }
            return try storageCall("reading the term of entry \(index)") {
                try environment.read { transaction in try tables.entry(at: index, in: transaction)?.term }
            }
        }
    }

    /// Adds the LMDB entries of `[low, high)` to `batch` until it is full; returns whether
    /// none of them was missing.
    private func readEntries(
        from low: UInt64, to high: UInt64, into batch: inout EntryBatch, in transaction: ReadTransaction
    ) throws -> Bool {
        var next = low
        let range = KeyRange.from(BigEndianKey.encode(low), to: BigEndianKey.encode(high))
        try transaction.forEach(in: tables.log, range: range) { record in
            guard try tables.index(ofKey: record.key) == next else { return .stop }
            guard batch.add(try tables.decodeEntry(record.value, index: next)) else { return .stop }
            next += 1
            return .continue
        }
        return batch.isFull || next == high
    }
}

/// Entries collected up to a size limit, by the core's rule (`Collection.limited(toSize:)`):
/// payload plus 17 bytes each, at least one entry.
private struct EntryBatch {
    let maxSize: UInt64
    private(set) var entries: [Raft.Entry] = []
    private var total: UInt64 = 0
    /// An entry was refused: nothing more fits.
    private(set) var isFull = false

    init(maxSize: UInt64) {
        self.maxSize = maxSize
    }

    /// Adds `entry` if it fits; returns whether it did.
    @discardableResult
    mutating func add(_ entry: Raft.Entry) -> Bool {
        let size = UInt64(entry.data.count) + 17
        // `maxSize - min(total, maxSize)` is the remaining budget without overflow.
        if !entries.isEmpty && size > maxSize - min(total, maxSize) {
            isFull = true
            return false
        }
        entries.append(entry)
        total += size
        return true
    }
}
