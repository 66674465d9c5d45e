import KVStore

/// A table of records keyed by the Raft index that made them, kept for a window of the log: what
/// a reader that fell behind resumes from (a watch after a reconnect, another region's
/// federation puller), or learns it cannot.
///
/// Retention is counted in log indexes, not time: after the entry at index `i` is applied, the
/// records at indexes `≤ i - retention` are gone and the table records that **floor**. Pruning
/// happens inside `apply`'s write transaction as part of `append`, so it depends only on the log
/// and every node holds the same records (and snapshots carry them). A reader that has seen every
/// record up to `cursor` can resume exactly when `cursor ≥ floor`; below the floor it must resync.
///
/// The floor is stored in the same table under the key of index 0, which Raft never uses, and is
/// only written once something was pruned: an absent floor means nothing was.
struct RetainedLog {
    let table: Database
    /// Records whose index is more than `retention` below the newest appended index are pruned.
    let retention: UInt64

    init(_ table: Database, retention: UInt64) {
        precondition(retention > 0, "RetainedLog: a retention of 0 would prune every record as it is written")
        self.table = table
        self.retention = retention
    }

    private static let floorKey = BigEndianKey.encode(0)

    /// Records `bytes` as the record of `index` and prunes what fell out of the window.
    func append(_ bytes: [UInt8], at index: UInt64, in transaction: WriteTransaction) throws {
        try transaction.put(bytes, forKey: BigEndianKey.encode(index), in: table)
        try prune(asOf: index, in: transaction)
    }

    /// Deletes the records at indexes `≤ index - retention` and raises the floor to that index.
    /// Never lowers the floor, so it is safe to call with any index.
    func prune(asOf index: UInt64, in transaction: WriteTransaction) throws {
        guard index > retention else { return }
        let newFloor = index - retention
        let oldFloor = try floor(in: transaction)
        guard newFloor > oldFloor else { return }
        try transaction.deleteAll(in: table, range: keys(after: oldFloor, through: newFloor))
        try transaction.put(BigEndianKey.encode(newFloor), forKey: Self.floorKey, in: table)
    }

    /// The highest index whose record may have been pruned (0 when nothing was): every record
    /// above it is still in the table.
    func floor(in transaction: ReadTransaction) throws -> UInt64 {
        guard let bytes = try transaction.get(Self.floorKey, in: table) else { return 0 }
        return try BigEndianKey.decode(bytes)
    }

    /// The records at indexes in `(index, upTo]`, in index order, at most `limit` of them.
    func records(
        after index: UInt64, upTo last: UInt64, limit: Int = .max, in transaction: ReadTransaction
    ) throws -> [(index: UInt64, bytes: [UInt8])] {
        guard last > index else { return [] }
        return try transaction.entries(in: table, range: keys(after: index, through: last), limit: limit).map {
            (try BigEndianKey.decode($0.key), $0.value)
        }
    }

    /// The keys of indexes `(after, through]`; index 0 (the floor) is never inside.
    private func keys(after lower: UInt64, through upper: UInt64) -> KeyRange {
        let (end, overflow) = upper.addingReportingOverflow(1)
        return KeyRange(
            lower: BigEndianKey.encode(lower + 1), upper: overflow ? nil : BigEndianKey.encode(end))
    }
}
