/// The replica's view of the whole log: the durable part in `Storage` followed by the
/// `UnstableLog` tail, plus the commit and apply cursors (Raft paper Figure 2,
/// `commitIndex` and `lastApplied`).
struct RaftLog {
    let storage: any Storage
    var unstable: UnstableLog
    /// Highest index known to be committed.
    private(set) var commitIndex: UInt64
    /// Highest index handed out for application in a `Ready`.
    private(set) var applyingIndex: UInt64
    /// Highest index the Shell confirmed applied via `advance`.
    private(set) var appliedIndex: UInt64
    /// Bound on the committed entries handed out per `Ready`.
    let maxApplyBatchSize: UInt64

    init(storage: any Storage, maxApplyBatchSize: UInt64) {
        self.storage = storage
        self.maxApplyBatchSize = maxApplyBatchSize
        let firstIndex = Self.mustSucceed { () throws(RaftError) in try storage.firstIndex() }
        let lastIndex = Self.mustSucceed { () throws(RaftError) in try storage.lastIndex() }
        unstable = UnstableLog(offset: lastIndex + 1)
        commitIndex = firstIndex - 1
        applyingIndex = firstIndex - 1
        appliedIndex = firstIndex - 1
    }

    // MARK: Bounds and terms

    var firstIndex: UInt64 {
        unstable.firstIndexIfKnown ?? Self.mustSucceed { () throws(RaftError) in try storage.firstIndex() }
    }

    var lastIndex: UInt64 {
        unstable.lastIndexIfKnown ?? Self.mustSucceed { () throws(RaftError) in try storage.lastIndex() }
    }

    /// Term of the entry at `index`; throws `.compacted` or `.unavailable` outside the log.
    func term(at index: UInt64) throws(RaftError) -> UInt64 {
        if let term = unstable.term(at: index) { return term }
        guard index + 1 >= firstIndex else { throw .compacted }
        guard index <= lastIndex else { throw .unavailable }
        do {
            return try storage.term(at: index)
        } catch {
            switch error {
            case .compacted, .unavailable: throw error
            default: preconditionFailure("storage failed reading term of \(index): \(error)")
            }
        }
    }

    /// Term of `index`, or zero when the log does not hold it (so it matches nothing).
    func termOrZero(at index: UInt64) -> UInt64 { (try? term(at: index)) ?? 0 }

    var lastEntryID: EntryID {
        let index = lastIndex
        do {
            return EntryID(term: try term(at: index), index: index)
        } catch {
            preconditionFailure("last entry \(index) has no term: \(error)")
        }
    }

    func matches(_ id: EntryID) -> Bool { (try? term(at: id.index)) == id.term }

    /// Election restriction (Raft paper §5.4.1): a candidate's log is at least as
    /// up-to-date as ours if its last term is higher, or equal with an index at least ours.
    func isUpToDate(_ candidateLast: EntryID) -> Bool {
        let ours = lastEntryID
        return candidateLast.term > ours.term
            || (candidateLast.term == ours.term && candidateLast.index >= ours.index)
    }

    // MARK: Appending

    /// AppendEntries receiver rules (Raft paper Figure 2, steps 2–5): if the entry at
    /// `previous` matches, append the new entries (truncating conflicts), advance the commit
    /// index and return the index of the last new entry; otherwise return nil.
    mutating func maybeAppend(
        after previous: EntryID, entries: [Entry], leaderCommit: UInt64
    )
        -> UInt64?
    {
        guard matches(previous) else { return nil }
        let lastNewIndex = previous.index + UInt64(entries.count)
        if let conflict = entries.first(where: { !matches($0.id) }) {
            precondition(
                conflict.index > commitIndex,
                "entry \(conflict.index) conflicts with committed log (commit \(commitIndex))")
            append(Array(entries[Int(conflict.index - previous.index - 1)...]))
        }
        commit(through: min(leaderCommit, lastNewIndex))
        return lastNewIndex
    }

    /// Appends entries whose indexes continue (or overwrite an uncommitted part of) the log.
    mutating func append(_ entries: [Entry]) {
        guard let first = entries.first else { return }
        precondition(first.index > commitIndex, "append at \(first.index) would rewrite committed \(commitIndex)")
        unstable.truncateAndAppend(entries)
    }

    /// Finds the last index at or below `index` whose term is at most `term`, so that a
    /// rejection can skip a whole term of conflicting entries at once (Raft paper §5.3,
    /// the optimization of the last paragraph).
    func lastIndex(atOrBelow index: UInt64, withTermAtMost term: UInt64) -> EntryID {
        var candidate = index
        while candidate > 0 {
            guard let ourTerm = try? self.term(at: candidate) else {
                return EntryID(term: 0, index: candidate)
            }
            if ourTerm <= term { return EntryID(term: ourTerm, index: candidate) }
            candidate -= 1
        }
        return EntryID(term: 0, index: 0)
    }

    // MARK: Reading

    /// Entries `[low, high)` limited to about `maxSize` bytes (at least one entry).
    func entries(from low: UInt64, to high: UInt64, maxSize: UInt64) throws(RaftError) -> [Entry] {
        guard low < high else { return [] }
        guard low >= firstIndex else { throw .compacted }
        precondition(high <= lastIndex + 1, "slice [\(low), \(high)) beyond last index \(lastIndex)")
        var result: [Entry] = []
        if low < unstable.offset {
            let storedHigh = min(high, unstable.offset)
            do {
                result = try storage.entries(from: low, to: storedHigh, maxSize: maxSize)
            } catch {
                switch error {
                case .compacted: throw error
                default: preconditionFailure("storage failed reading [\(low), \(storedHigh)): \(error)")
                }
            }
            if UInt64(result.count) < storedHigh - low { return result }
        }
        if high > unstable.offset {
            // Bounded before it is copied; the limit of the whole below then only trims it.
            result.append(
                contentsOf: unstable.slice(from: max(low, unstable.offset), to: high).limited(toSize: maxSize))
        }
        return Array(result.limited(toSize: maxSize))
    }

    /// Entries from `index` to the end, limited to about `maxSize` bytes.
    func entries(from index: UInt64, maxSize: UInt64) throws(RaftError) -> [Entry] {
        try entries(from: index, to: lastIndex + 1, maxSize: maxSize)
    }

    /// The snapshot to send to a lagging follower: a pending one, else the stored one.
    func snapshot() throws(RaftError) -> Snapshot {
        if let pending = unstable.snapshot { return pending }
        return try storage.snapshot()
    }

    // MARK: Commit and apply

    /// Advances the commit index; it never moves backwards.
    mutating func commit(through index: UInt64) {
        guard index > commitIndex else { return }
        precondition(index <= lastIndex, "commit \(index) beyond last index \(lastIndex); log lost?")
        commitIndex = index
    }

    /// Commits `candidate` only if the entry there carries `candidate.term`: leaders only
    /// count replicas for entries of their own term (Raft paper §5.4.2).
    mutating func commitIfCurrentTerm(_ candidate: EntryID) -> Bool {
        guard candidate.term != 0, candidate.index > commitIndex, matches(candidate) else { return false }
        commit(through: candidate.index)
        return true
    }

    /// Committed entries not yet handed out, bounded by `maxApplyBatchSize`; none while a
    /// snapshot is pending, since it must be applied first.
    var entriesToApply: [Entry] {
        guard hasEntriesToApply else { return [] }
        do {
            return try entries(from: applyingIndex + 1, to: commitIndex + 1, maxSize: maxApplyBatchSize)
        } catch {
            preconditionFailure("committed entries [\(applyingIndex + 1), \(commitIndex)] unreadable: \(error)")
        }
    }

    var hasEntriesToApply: Bool { !unstable.hasSnapshot && applyingIndex < commitIndex }

    mutating func markApplying(through index: UInt64) {
        precondition(index <= commitIndex, "applying \(index) beyond commit \(commitIndex)")
        applyingIndex = max(applyingIndex, index)
    }

    mutating func markApplied(through index: UInt64) {
        precondition(
            appliedIndex <= index && index <= commitIndex,
            "applied \(index) out of range [\(appliedIndex), \(commitIndex)]")
        appliedIndex = index
        applyingIndex = max(applyingIndex, index)
    }

    /// Replaces the log with a snapshot (§7); everything in it is committed.
    mutating func restore(_ snapshot: Snapshot) {
        commitIndex = snapshot.metadata.index
        unstable.restore(snapshot)
    }

    /// Storage errors other than the expected ones mean storage cannot be trusted.
    private static func mustSucceed<T>(_ read: () throws(RaftError) -> T) -> T {
        do {
            return try read()
        } catch {
            preconditionFailure("storage failed: \(error)")
        }
    }
}
