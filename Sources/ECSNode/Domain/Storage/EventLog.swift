import KVStore

/// The `events` table: one `EventRecord` per published version, keyed by its Raft index, kept
/// for a window of the log so that a watch can resume after a reconnect (`Last-Event-ID`).
///
/// Retention is counted in log indexes, not time: after the entry at index `i` is applied, the
/// events at indexes `≤ i - retention` are gone and the table records that **floor**. Pruning
/// happens inside `apply`'s write transaction as part of `append`, so it depends only on the log
/// and every node holds the same events (and snapshots carry them). A reader that has seen every
/// event up to `cursor` can resume exactly when `cursor ≥ floor`; below the floor it must resync.
///
/// The floor is stored in the same table under the key of index 0, which Raft never uses, and is
/// only written once something was pruned: an absent floor means nothing was.
struct EventLog {
    /// How many log indexes of events the state machine keeps. It is a constant rather than a
    /// node setting because pruning runs in `apply`, which must give the same tables on every
    /// node; changing it would have to travel through the log.
    static let defaultRetention: UInt64 = 100_000

    let table: Database
    /// Events whose index is more than `retention` below the newest applied index are pruned.
    let retention: UInt64

    init(_ table: Database, retention: UInt64 = Self.defaultRetention) {
        precondition(retention > 0, "EventLog: a retention of 0 would prune every event as it is written")
        self.table = table
        self.retention = retention
    }

    private static let floorKey = BigEndianKey.encode(0)

    /// Records `event` and prunes what fell out of the window as of its index.
    func append(_ event: EventRecord, in transaction: WriteTransaction) throws {
        try transaction.put(RecordCoding.encode(event), forKey: TableKeys.event(at: event.index), in: table)
        try prune(asOf: event.index, in: transaction)
    }

    /// Deletes the events at indexes `≤ index - retention` and raises the floor to that index.
    /// Never lowers the floor, so it is safe to call with any index.
    func prune(asOf index: UInt64, in transaction: WriteTransaction) throws {
        guard index > retention else { return }
        let newFloor = index - retention
        let oldFloor = try floor(in: transaction)
        guard newFloor > oldFloor else { return }
        try transaction.deleteAll(in: table, range: keys(after: oldFloor, through: newFloor))
        try transaction.put(BigEndianKey.encode(newFloor), forKey: Self.floorKey, in: table)
    }

    /// The highest index whose event may have been pruned (0 when nothing was): every event
    /// above it is still in the table.
    func floor(in transaction: ReadTransaction) throws -> UInt64 {
        guard let bytes = try transaction.get(Self.floorKey, in: table) else { return 0 }
        return try BigEndianKey.decode(bytes)
    }

    /// The events at indexes in `(index, upTo]`, in index order, at most `limit` of them.
    func events(
        after index: UInt64, upTo last: UInt64, limit: Int = .max, in transaction: ReadTransaction
    ) throws -> [EventRecord] {
        guard last > index else { return [] }
        return try transaction.entries(in: table, range: keys(after: index, through: last), limit: limit).map {
            try RecordCoding.decode(EventRecord.self, from: $0.value, table: ConfigTables.eventsName)
        }
    }

    /// The keys of indexes `(after, through]`; index 0 (the floor) is never inside.
    private func keys(after lower: UInt64, through upper: UInt64) -> KeyRange {
        let (end, overflow) = upper.addingReportingOverflow(1)
        return KeyRange(lower: TableKeys.event(at: lower + 1), upper: overflow ? nil : TableKeys.event(at: end))
    }
}
