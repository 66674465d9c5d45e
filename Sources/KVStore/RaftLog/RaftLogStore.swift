import Raft
import Synchronization

/// The durable Raft log of a node: an LMDB-backed `Storage` (after etcd-io/raft's storage and
/// hashicorp/raft-mdb) holding the log entries, the hard state and the latest snapshot's
/// metadata, in an `Environment` of its own (the node keeps it in `<data-dir>/raft`, apart from
/// the state machine's, so that neither's writes wait on the other's).
///
/// Reads answer exactly as `MemoryStorage` does (same indexes, same `.compacted` and
/// `.unavailable`), so the core cannot tell the two apart. Writes are one LMDB commit each —
/// `persist(hardState:entries:snapshot:)` takes everything a `Ready` asks to persist — and they
/// are atomic: a write that fails leaves the store, and what it answers, as it was.
///
/// A Ready that only appends costs one `fdatasync`: it goes to the write-ahead journal
/// (`RaftJournal`, `RaftLogStore+Journal.swift`) and its entries to the in-memory tail, which
/// a checkpoint folds into LMDB in one synced commit (LMDB is never written unsynced: an
/// unsynced commit can be torn by an OS crash). Every other write checkpoints in the same commit.
///
/// Hard state, bounds, last term and snapshot metadata are cached in memory and replaced only
/// after the commit that changed them, so the core's frequent calls need no LMDB; entries and
/// other terms come from the tail or short LMDB read transactions. Every record carries a format version
/// and a CRC-32C: damage is reported as `RaftError.storageFailure` naming the record, never
/// served as data and never a crash.
///
/// Thread-safety: the Raft shell drives it from one thread, but any thread may read it at any
/// time. The class is `Sendable` without exceptions: every stored property is an immutable
/// `Sendable` value or a `Mutex`. Writers are serialised by `writer`, held from before their
/// transaction or journal append begins until the cache and the tail are published; a reader that finds the log disagreeing
/// with the cache it started from (a write committed in between) waits for that lock and asks
/// again, so concurrent readers see `.compacted` or `.unavailable`, never a false
/// `.storageFailure`. The store checkpoints its journal and closes when its last reference goes
/// away.
public final class RaftLogStore: Storage, Sendable {
    /// The environment's folder.
    public let path: String
    let environment: Environment
    let tables: RaftLogTables
    let journal: RaftJournal
    /// The state as committed, owned by the writer in progress (if any): every mutation holds
    /// this lock across its transaction or journal append, so mutations apply one after
    /// another to the state the previous one committed.
    let writer: Mutex<RaftLogWriterState>
    /// The state and tail as last committed, what readers start from; updated right after a
    /// commit or append.
    let published: Mutex<PublishedLog>

    /// 4 MiB: a checkpoint (taken at ¾ full) then folds about 3 MiB into LMDB, a few
    /// milliseconds of one synced commit, and the in-memory tail and the replay at open stay
    /// small; a larger journal makes checkpoints rarer but each a longer stall of the writer.
    public static let defaultJournalCapacity = 4 << 20

    private init(
        path: String, environment: Environment, tables: RaftLogTables, journal: RaftJournal,
        writer: RaftLogWriterState, published: PublishedLog
    ) {
        self.path = path
        self.environment = environment
        self.tables = tables
        self.journal = journal
        self.writer = Mutex(writer)
        self.published = Mutex(published)
    }

    /// Folds the journal into LMDB when the store goes away, so that the next open has nothing
    /// to replay; if that fails, the journal still holds everything and the next open replays it.
    deinit {
        try? checkpoint()
    }

    /// Opens the Raft log in the folder at `path`, creating an empty one when the folder holds
    /// none (unless `options.createIfMissing` is off).
    ///
    /// `options` should keep `.syncOnCommit` durability: Raft may only answer a message once
    /// what it promises is on disk (Raft paper §5.1); `.deferred` (for tests) also leaves the
    /// journal unflushed. `journalCapacity` is the size of a journal created now (an existing
    /// journal keeps its size). Records the journal holds beyond LMDB are replayed and
    /// checkpointed before this returns (see `RaftJournal.recover(after:)`). Fails with
    /// `.storageFailure` when the folder is not a sound ECS Raft log: a damaged LMDB file,
    /// another program's data, a damaged record of `stable`, a log with holes or that does not
    /// begin right after its compaction point, or damaged first or last entries (other
    /// entries are checked when read).
    public static func open(
        at path: String, options: EnvironmentOptions = EnvironmentOptions(),
        journalCapacity: Int = defaultJournalCapacity
    ) throws(RaftError) -> RaftLogStore {
        let (store, replayed) = try storageCall("opening the Raft log at \(path)") {
            let environment = try Environment.open(at: path, options: options)
            let tables = RaftLogTables(
                log: try environment.database(RaftLogTables.logName),
                stable: try environment.database(RaftLogTables.stableName), path: path)
            let (state, journalSeq) = try environment.write { transaction in
                try tables.checkOrWriteFormatMarker(in: transaction)
                return (try tables.loadState(in: transaction), try tables.journalSeq(in: transaction))
            }
            let journal = try RaftJournal.openFile(
                inFolder: path, capacity: journalCapacity, syncs: options.durability == .syncOnCommit,
                checkpointedSeq: journalSeq)
            let (records, end) = try journal.recover(after: journalSeq)
            var writer = RaftLogWriterState(
                committed: state, durableLastIndex: state.lastIndex, journalOffset: end, nextSeq: journalSeq + 1)
            var published = PublishedLog(state: state)
            for record in records {
                try apply(record, to: &writer, &published, journalPath: journal.path)
            }
            let store = RaftLogStore(
                path: path, environment: environment, tables: tables, journal: journal, writer: writer,
                published: published)
            return (store, !records.isEmpty)
        }
        if replayed { try store.checkpoint() }
        return store
    }

    /// Whether nothing was ever written: no term, vote, commit, snapshot or entry. A founding
    /// member bootstraps only an empty store; a node that finds its store empty is new.
    public var isEmpty: Bool { published.withLock { $0.state.isEmpty } }

    /// Runs one mutation through LMDB: `change` edits a copy of the committed state and the
    /// store in one write transaction, which first checkpoints the journal (see
    /// `checkpoint(_:in:)`); the copy becomes the cached state only once the commit
    /// succeeded. `resultWithoutWriting` may skip the transaction: given the writer's state, it
    /// returns the result when nothing would change.
    func mutate<T: Sendable>(
        _ operation: @autoclosure () -> String,
        resultWithoutWriting: (RaftLogWriterState) -> T? = { _ in nil },
        _ change: (inout RaftLogState, WriteTransaction) throws -> T
    ) throws(RaftError) -> T {
        try writer.withLock { (writer: inout RaftLogWriterState) throws(RaftError) -> T in
            if let result = resultWithoutWriting(writer) { return result }
            let start = writer
            let tail = published.withLock { $0.tail }
            let (next, result) = try storageCall(operation()) {
                // The body may run again after the map grew: it starts from `start` each time.
                try environment.write { transaction in
                    try checkpoint(tail, start, in: transaction)
                    var next = start.committed
                    let result = try change(&next, transaction)
                    return (next, result)
                }
            }
            writer.committed = next
            writer.durableLastIndex = next.lastIndex
            writer.journalOffset = 0
            published.withLock { $0 = PublishedLog(state: next) }
            return result
        }
    }

    /// Runs an LMDB operation, reporting its failures in Raft's vocabulary: a `RaftError` (the
    /// store's own verdict, such as damage or `.compacted`) as it is, anything else as a
    /// `.storageFailure` saying what was being done.
    static func storageCall<T>(_ operation: @autoclosure () -> String, _ body: () throws -> T) throws(RaftError) -> T {
        do {
            return try body()
        } catch let error as RaftError {
            throw error
        } catch {
            throw .storageFailure("\(operation()) failed: \(error)")
        }
    }

    func storageCall<T>(_ operation: @autoclosure () -> String, _ body: () throws -> T) throws(RaftError) -> T {
        try Self.storageCall("\(operation()) (Raft log at \(path))", body)
    }
}
