import Raft

/// `Storage`: what the Raft core reads, answered as `MemoryStorage` answers.
extension RaftLogStore {
    /// The persisted hard state and the configuration of the latest snapshot (the core
    /// replays the configuration changes of the log after it).
    public func initialState() throws(RaftError) -> InitialState {
        published.withLock { InitialState(hardState: $0.hardState, confState: $0.snapshot.confState) }
    }

    /// Entries `[low, high)` from one LMDB read transaction, limited to about `maxSize` bytes
    /// (payload plus 17 bytes each, as the core counts) but at least one. `.compacted` if
    /// `low < firstIndex()`, else `.unavailable` if `high > lastIndex() + 1`.
    public func entries(from low: UInt64, to high: UInt64, maxSize: UInt64) throws(RaftError) -> [Raft.Entry] {
        try consistentRead { state throws(RaftError) -> [Raft.Entry]? in
            guard try state.checkRange(from: low, to: high) else { return [] }
            return try storageCall("reading entries \(low)..<\(high)") {
                try environment.read { transaction in
                    try readEntries(from: low, to: high, maxSize: maxSize, in: transaction)
                }
            }
        } missing: { state in
            "entries \(low)..<\(high) are not all in the Raft log at \(path), which should hold"
                + " \(state.firstIndex)...\(state.lastIndex)"
        }
    }

    /// The term of the entry at `index`, which may be `firstIndex() - 1` (the compaction
    /// point). The compaction point and the last entry are answered from memory.
    public func term(at index: UInt64) throws(RaftError) -> UInt64 {
        try consistentRead { state throws(RaftError) -> UInt64? in
            switch try state.termSource(at: index) {
            case .known(let term):
                return term
            case .stored:
                return try storageCall("reading the term of entry \(index)") {
                    try environment.read { transaction in try tables.entry(at: index, in: transaction)?.term }
                }
            }
        } missing: { state in
            "entry \(index) is missing from the Raft log at \(path), which should hold"
                + " \(state.firstIndex)...\(state.lastIndex)"
        }
    }

    /// The compaction point plus one (`MemoryStorage`'s definition): the latest snapshot's
    /// index plus one, unless entries behind the snapshot were kept for slow followers.
    public func firstIndex() throws(RaftError) -> UInt64 { published.withLock { $0.firstIndex } }

    /// The last entry's index, or the compaction point when the log is empty.
    public func lastIndex() throws(RaftError) -> UInt64 { published.withLock { $0.lastIndex } }

    /// The latest snapshot's metadata with empty `data`: the node keeps the image itself in a
    /// file and streams it to followers apart from the Raft message.
    public func snapshot() throws(RaftError) -> Snapshot { published.withLock { Snapshot(metadata: $0.snapshot) } }

    // MARK: - Reading consistently

    /// Runs `read` against the published state. `read` returns `nil` when the log lacks an
    /// entry the state says it holds: a write committed after the state was taken, or damage.
    /// Then the read is repeated under the writer lock — no write is in flight there, so the
    /// state and the log agree — and a second miss is damage, reported as `missing` says.
    private func consistentRead<T: Sendable>(
        _ read: (RaftLogState) throws(RaftError) -> T?, missing: (RaftLogState) -> String
    ) throws(RaftError) -> T {
        if let result = try read(published.withLock { $0 }) { return result }
        return try writer.withLock { state throws(RaftError) -> T in
            guard let result = try read(state) else { throw .storageFailure(missing(state)) }
            return result
        }
    }

    /// The entries of `[low, high)` that fit in `maxSize` (at least one), or `nil` when one of
    /// them is missing. The size rule is the core's (`Collection.limited(toSize:)`).
    private func readEntries(
        from low: UInt64, to high: UInt64, maxSize: UInt64, in transaction: ReadTransaction
    ) throws -> [Raft.Entry]? {
        var collected: [Raft.Entry] = []
        collected.reserveCapacity(Int(min(high - low, 1024)))
        var total: UInt64 = 0
        var next = low
        var full = false
        let range = KeyRange.from(BigEndianKey.encode(low), to: BigEndianKey.encode(high))
        try transaction.forEach(in: tables.log, range: range) { record in
            guard try tables.index(ofKey: record.key) == next else { return .stop }
            let entry = try tables.decodeEntry(record.value, index: next)
            let size = UInt64(entry.data.count) + Self.entryOverhead
            // `maxSize - min(total, maxSize)` is the remaining budget without overflow.
            if !collected.isEmpty && size > maxSize - min(total, maxSize) {
                full = true
                return .stop
            }
            collected.append(entry)
            total += size
            next += 1
            return .continue
        }
        return full || next == high ? collected : nil
    }

    /// What the core adds to an entry's payload when it limits batches by size.
    private static let entryOverhead: UInt64 = 17
}
