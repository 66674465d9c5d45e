/// The tail of the log that the Shell has not yet confirmed durable: entries (and possibly
/// an incoming snapshot) handed out in a `Ready` but not yet acknowledged by `advance`.
/// Entries from `offset` on live here; everything before is in `Storage`.
struct UnstableLog: Sendable {
    /// A snapshot received from the leader, not yet persisted.
    var snapshot: Snapshot?
    /// Unpersisted entries; `entries[i].index == offset + i`.
    private(set) var entries: [Entry] = []
    /// Index of `entries.first`.
    private(set) var offset: UInt64
    /// Entries below this index were already handed out in a `Ready`.
    private(set) var offsetInProgress: UInt64
    /// Whether `snapshot` was already handed out in a `Ready`.
    private(set) var snapshotInProgress = false

    init(offset: UInt64) {
        self.offset = offset
        offsetInProgress = offset
    }

    /// Whether a snapshot is pending. A pattern match because `snapshot != nil` resolves to
    /// `Snapshot`'s `==`, which copies both operands, and this is asked on every `hasReady`.
    var hasSnapshot: Bool { if case .some = snapshot { true } else { false } }

    /// Whether `snapshot` is pending and not yet handed out for persistence.
    var hasSnapshotToPersist: Bool { hasSnapshot && !snapshotInProgress }

    /// First index of the log if it is determined by an unstable snapshot.
    var firstIndexIfKnown: UInt64? { snapshot.map { $0.metadata.index + 1 } }

    /// Last index of the log if it is determined here.
    var lastIndexIfKnown: UInt64? {
        if let last = entries.last { return last.index }
        return snapshot?.metadata.index
    }

    /// Term of `index` if it is held here.
    func term(at index: UInt64) -> UInt64? {
        if index < offset {
            guard let snapshot, snapshot.metadata.index == index else { return nil }
            return snapshot.metadata.term
        }
        guard let last = lastIndexIfKnown, index <= last else { return nil }
        return entries[position(of: index)].term
    }

    /// Entries not yet handed out for persistence.
    var entriesToPersist: ArraySlice<Entry> { entries[position(of: offsetInProgress)...] }

    /// The snapshot, if not yet handed out for persistence.
    var snapshotToPersist: Snapshot? { snapshotInProgress ? nil : snapshot }

    /// Entries `[low, high)`; the caller guarantees the range lies within this log.
    func slice(from low: UInt64, to high: UInt64) -> ArraySlice<Entry> {
        precondition(
            offset <= low && low <= high && high <= offset + UInt64(entries.count),
            "unstable slice [\(low), \(high)) out of [\(offset), \(offset + UInt64(entries.count)))")
        return entries[position(of: low)..<position(of: high)]
    }

    /// Marks everything currently held as handed out in a `Ready`.
    mutating func markInProgress() {
        offsetInProgress = offset + UInt64(entries.count)
        snapshotInProgress = hasSnapshot
    }

    /// Forgets entries up to `id` once they are durable — unless they were overwritten by a
    /// newer leader in the meantime, which the term check detects.
    mutating func markStable(through id: EntryID) {
        guard id.index >= offset, term(at: id.index) == id.term else { return }
        let count = position(of: id.index) + 1
        if count == entries.count {
            // Usually everything is stable. The last `Ready` may still share this buffer, and
            // emptying it in place would then allocate a copy of its whole capacity.
            entries = []
        } else {
            entries.removeFirst(count)
        }
        offset = id.index + 1
        offsetInProgress = max(offsetInProgress, offset)
    }

    /// Forgets the snapshot at `index` once it is durable.
    mutating func markSnapshotStable(at index: UInt64) {
        guard snapshot?.metadata.index == index else { return }
        snapshot = nil
        snapshotInProgress = false
    }

    /// Replaces everything with a snapshot from the leader (§7).
    mutating func restore(_ newSnapshot: Snapshot) {
        offset = newSnapshot.metadata.index + 1
        offsetInProgress = offset
        entries = []
        snapshot = newSnapshot
        snapshotInProgress = false
    }

    /// Appends `newEntries`, first truncating any conflicting suffix (§5.3).
    mutating func truncateAndAppend(_ newEntries: [Entry]) {
        guard let first = newEntries.first else { return }
        let end = offset + UInt64(entries.count)
        precondition(first.index <= end, "gap: appending \(first.index) after \(end - 1)")
        if first.index == end {
            entries.append(contentsOf: newEntries)
        } else if first.index <= offset {
            // Everything held here is replaced; the new entries start a fresh tail.
            offset = first.index
            offsetInProgress = offset
            entries = newEntries
        } else {
            entries.removeSubrange(position(of: first.index)...)
            entries.append(contentsOf: newEntries)
            offsetInProgress = min(offsetInProgress, first.index)
        }
    }

    private func position(of index: UInt64) -> Int { Int(index - offset) }
}
