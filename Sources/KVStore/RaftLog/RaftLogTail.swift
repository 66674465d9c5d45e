import Raft

/// The entries persisted through the journal since the last checkpoint, in memory: the log's
/// entries after the last one LMDB holds. Readers answer from LMDB up to the tail's first
/// index and from here after it; a checkpoint moves the tail into LMDB and empties it.
struct RaftLogTail: Sendable {
    /// Consecutive entries.
    private(set) var entries: [Raft.Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    /// The first entry's index, `nil` when the tail is empty.
    var firstIndex: UInt64? { entries.first?.index }

    /// The entry at `index`, `nil` when the tail does not hold it.
    func entry(at index: UInt64) -> Raft.Entry? {
        guard let first = firstIndex, index >= first, index - first < UInt64(entries.count) else { return nil }
        return entries[Int(index - first)]
    }

    /// The entries of `[low, high)` the tail holds.
    func entries(from low: UInt64, to high: UInt64) -> ArraySlice<Raft.Entry> {
        guard let first = firstIndex, high > low else { return [] }
        let start = Int(min(max(low, first) - first, UInt64(entries.count)))
        let end = Int(min(high.subtracting(first), UInt64(entries.count)))
        return start < end ? entries[start..<end] : []
    }

    /// Appends consecutive `newEntries`, first dropping the entries from `newEntries`' first
    /// index on (a conflicting suffix, Raft paper §5.3). The caller has checked that they
    /// start inside the tail or right after it (or after LMDB's last entry when empty).
    mutating func append(_ newEntries: [Raft.Entry]) {
        guard let start = newEntries.first?.index else { return }
        if let first = firstIndex, start >= first, start - first < UInt64(entries.count) {
            entries.removeSubrange(Int(start - first)...)
        }
        entries.append(contentsOf: newEntries)
    }

    mutating func removeAll() {
        entries.removeAll()
    }
}

extension UInt64 {
    /// `self - other`, or 0 when `other` is larger.
    fileprivate func subtracting(_ other: UInt64) -> UInt64 { self > other ? self - other : 0 }
}
