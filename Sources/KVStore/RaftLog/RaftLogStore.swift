import Raft
import Synchronization

/// The durable Raft log of a node: an LMDB-backed `Storage` (after etcd-io/raft's storage and
/// hashicorp/raft-mdb) holding the log entries, the hard state and the latest snapshot's
/// metadata, in an `Environment` of its own (the node keeps it in `<data-dir>/raft`, apart from
/// the state machine's, so that neither's writes wait on the other's).
///
/// Reads answer exactly as `MemoryStorage` does (same indexes, same `.compacted` and
/// `.unavailable`), so the core cannot tell the two apart. Writes are one LMDB commit each —
/// `persist(hardState:entries:snapshot:)` takes everything a `Ready` asks to persist, so a
/// Ready costs one `fdatasync` (group commit) — and they are atomic: a write that fails leaves
/// the store, and what it answers, as it was.
///
/// Hard state, bounds, last term and snapshot metadata are cached in memory and replaced only
/// after the commit that changed them, so the core's frequent calls need no LMDB; entries and
/// other terms come from short LMDB read transactions. Every record carries a format version
/// and a CRC-32C: damage is reported as `RaftError.storageFailure` naming the record, never
/// served as data and never a crash.
///
/// Thread-safety: the Raft shell drives it from one thread, but any thread may read it at any
/// time. The class is `Sendable` without exceptions: every stored property is an immutable
/// `Sendable` value or a `Mutex`. Writers are serialised by `writer`, held from before their
/// transaction begins until the cache is published; a reader that finds the log disagreeing
/// with the cache it started from (a write committed in between) waits for that lock and asks
/// again, so concurrent readers see `.compacted` or `.unavailable`, never a false
/// `.storageFailure`. The store closes when its last reference goes away.
public final class RaftLogStore: Storage, Sendable {
    /// The environment's folder.
    public let path: String
    let environment: Environment
    let tables: RaftLogTables
    /// The state as committed, owned by the writer in progress (if any): every mutation holds
    /// this lock across its transaction, so mutations apply one after another to the state the
    /// previous one committed.
    let writer: Mutex<RaftLogState>
    /// The state as last committed, what readers start from; updated right after a commit.
    let published: Mutex<RaftLogState>

    private init(path: String, environment: Environment, tables: RaftLogTables, state: RaftLogState) {
        self.path = path
        self.environment = environment
        self.tables = tables
        self.writer = Mutex(state)
        self.published = Mutex(state)
    }

    /// Opens the Raft log in the folder at `path`, creating an empty one when the folder holds
    /// none (unless `options.createIfMissing` is off).
    ///
    /// `options` should keep `.syncOnCommit` durability: Raft may only answer a message once
    /// what it promises is on disk (Raft paper §5.1); `.deferred` is for tests. Fails with
    /// `.storageFailure` when the folder is not a sound ECS Raft log: a damaged LMDB file,
    /// another program's data, a damaged record of `stable`, a log with holes or that does not
    /// begin right after its compaction point, or damaged first or last entries (other
    /// entries are checked when read).
    public static func open(
        at path: String, options: EnvironmentOptions = EnvironmentOptions()
    ) throws(RaftError) -> RaftLogStore {
        try storageCall("opening the Raft log at \(path)") {
            let environment = try Environment.open(at: path, options: options)
            let tables = RaftLogTables(
                log: try environment.database(RaftLogTables.logName),
                stable: try environment.database(RaftLogTables.stableName), path: path)
            let state = try environment.write { transaction in
                try tables.checkOrWriteFormatMarker(in: transaction)
                return try tables.loadState(in: transaction)
            }
            return RaftLogStore(path: path, environment: environment, tables: tables, state: state)
        }
    }

    /// Whether nothing was ever written: no term, vote, commit, snapshot or entry. A founding
    /// member bootstraps only an empty store; a node that finds its store empty is new.
    public var isEmpty: Bool { published.withLock { $0.isEmpty } }

    /// Runs one mutation: `change` edits a copy of the committed state and the store in one
    /// write transaction; the copy becomes the cached state only once the commit succeeded.
    /// `resultWithoutWriting` may skip the transaction: given the committed state, it returns
    /// the result when nothing would change.
    func mutate<T: Sendable>(
        _ operation: @autoclosure () -> String,
        resultWithoutWriting: (RaftLogState) -> T? = { _ in nil },
        _ change: (inout RaftLogState, WriteTransaction) throws -> T
    ) throws(RaftError) -> T {
        try writer.withLock { (committed: inout RaftLogState) throws(RaftError) -> T in
            if let result = resultWithoutWriting(committed) { return result }
            let start = committed
            let (next, result) = try storageCall(operation()) {
                // The body may run again after the map grew: it starts from `start` each time.
                try environment.write { transaction in
                    var next = start
                    let result = try change(&next, transaction)
                    return (next, result)
                }
            }
            committed = next
            published.withLock { $0 = next }
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
