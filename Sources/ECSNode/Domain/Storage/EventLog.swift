import KVStore

/// The `events` table: one `EventRecord` per published version, keyed by its Raft index, kept
/// for a window of the log (`RetainedLog`) so that a watch can resume after a reconnect
/// (`Last-Event-ID`), or knows it must resync.
struct EventLog {
    /// How many log indexes of events the state machine keeps. It is a constant rather than a
    /// node setting because pruning runs in `apply`, which must give the same tables on every
    /// node; changing it would have to travel through the log.
    static let defaultRetention: UInt64 = 100_000

    private let log: RetainedLog

    init(_ table: Database, retention: UInt64 = Self.defaultRetention) {
        log = RetainedLog(table, retention: retention)
    }

    /// Records `event` and prunes what fell out of the window as of its index.
    func append(_ event: EventRecord, in transaction: WriteTransaction) throws {
        try log.append(RecordCoding.encode(event), at: event.index, in: transaction)
    }

    /// Deletes the events at indexes `≤ index - retention` and raises the floor to that index.
    func prune(asOf index: UInt64, in transaction: WriteTransaction) throws {
        try log.prune(asOf: index, in: transaction)
    }

    /// The highest index whose event may have been pruned (0 when nothing was).
    func floor(in transaction: ReadTransaction) throws -> UInt64 {
        try log.floor(in: transaction)
    }

    /// The events at indexes in `(index, upTo]`, in index order, at most `limit` of them.
    func events(
        after index: UInt64, upTo last: UInt64, limit: Int = .max, in transaction: ReadTransaction
    ) throws -> [EventRecord] {
        try log.records(after: index, upTo: last, limit: limit, in: transaction).map {
            try RecordCoding.decode(EventRecord.self, from: $0.bytes, table: ConfigTables.eventsName)
        }
    }
}
