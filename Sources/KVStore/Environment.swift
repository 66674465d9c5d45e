import CLMDB
import Synchronization

/// An open LMDB environment: one data folder holding one or more named databases, shared by
/// every thread of the process.
///
/// Transactions are closures: `read` and `write` open a transaction, hand it to the body and
/// end it when the body returns (commit) or throws (abort). The body is synchronous, so no
/// transaction can be held across an `await`, and a transaction object used after its body
/// returned stops the process with a clear message. Reads run concurrently with each other and
/// with the single writer; LMDB serialises writers.
///
/// The map grows by itself: a write that runs out of room is aborted, the map is doubled while
/// no transaction is open, and the write body runs again from the start. Write bodies must
/// therefore only change the store through their transaction (no side effects outside it that
/// would be repeated).
public final class Environment: @unchecked Sendable {
    // @unchecked: LMDB documents an MDB_env as safe to share between threads; the mutable Swift
    // state is behind a Mutex; transactions never leave the thread that opened them because they
    // only exist inside synchronous closures; and the map is only resized under `gate.exclusive`.
    let handle: OpaquePointer
    /// The data folder.
    public let path: String
    public let options: EnvironmentOptions
    /// How many reader slots of crashed processes were reclaimed when the environment opened.
    public let staleReadersCleared: Int
    let gate = TransactionGate()
    private let openDatabases = Mutex<[String: Database]>([:])
    /// `derived(_:_:)`'s values, by type.
    let derivedValues = Mutex<[ObjectIdentifier: any Sendable]>([:])
    /// The map size as last set, readable without the gate (LMDB's own copy may only be read
    /// while no resize can run).
    private let currentMapSize: Atomic<Int>

    init(handle: OpaquePointer, path: String, options: EnvironmentOptions, mapSize: Int, staleReadersCleared: Int) {
        self.handle = handle
        self.path = path
        self.options = options
        self.currentMapSize = Atomic(mapSize)
        self.staleReadersCleared = staleReadersCleared
    }

    deinit {
        mdb_env_close(handle)
    }

    /// Opens (creating it when asked for) the named database `name`.
    ///
    /// Handles are cached, so asking twice returns the same database.
    public func database(_ name: String, create: Bool = true) throws -> Database {
        if let known = openDatabases.withLock({ $0[name] }) { return known }
        // Opening a database handle must not race with another open in the same process; the
        // write transaction serialises it, and the cache check below avoids a second handle.
        return try write { transaction in
            if let known = openDatabases.withLock({ $0[name] }) { return known }
            var handle = MDB_dbi()
            try check(
                mdb_dbi_open(transaction.handle, name, create ? UInt32(MDB_CREATE) : 0, &handle),
                "mdb_dbi_open", context: "database '\(name)' in \(path)")
            // Every table of ours uses plain byte-ordered keys. A file whose database claims
            // other flags (integer or reversed keys, duplicates) was not written by us, and
            // LMDB would compare our keys under rules they do not satisfy.
            var flags: UInt32 = 0
            try check(mdb_dbi_flags(transaction.handle, handle, &flags), "mdb_dbi_flags", context: "database '\(name)'")
            guard flags == 0 else {
                throw StoreError(
                    kind: .corrupted, operation: "mdb_dbi_open",
                    message: "database '\(name)' in \(path) has flags \(flags); ECS only writes plain databases")
            }
            let database = Database(handle: handle, name: name)
            openDatabases.withLock { $0[name] = database }
            return database
        }
    }

    /// Runs `body` in a read-only transaction: a consistent snapshot of the store as of the
    /// moment it began, unaffected by writes that commit while it runs.
    ///
    /// Keep read transactions short: while one is open, LMDB cannot reuse the pages it sees.
    public func read<T>(_ body: (ReadTransaction) throws -> T) throws -> T {
        try gate.shared {
            let transaction = try ReadTransaction(beginningIn: self)
            defer { transaction.abort() }
            return try body(transaction)
        }
    }

    /// Runs `body` in a write transaction, committed when `body` returns and aborted when it
    /// throws. Returns once the commit is durable (with `.syncOnCommit`).
    ///
    /// `body` may run more than once when the map has to grow (see the type's documentation).
    public func write<T>(_ body: (WriteTransaction) throws -> T) throws -> T {
        while true {
            let sizeBeforeAttempt = currentMapSize.load(ordering: .acquiring)
            do {
                return try attemptWrite(body)
            } catch let error as StoreError where error.kind == .mapFull {
                try growMap(beyond: sizeBeforeAttempt)
            }
        }
    }

    /// Flushes commits made with `.deferred` durability to disk.
    public func sync() throws {
        try check(mdb_env_sync(handle, 1), "mdb_env_sync", context: path)
    }

    /// Sizes and counters of the environment, for tests, metrics and operators.
    ///
    /// Not callable from inside a transaction of this environment (it waits out map resizes).
    public func info() -> EnvironmentInfo {
        gate.shared { unguardedInfo() }
    }

    /// `info()` for callers that already hold the gate.
    func unguardedInfo() -> EnvironmentInfo {
        var environmentInfo = MDB_envinfo()
        var statistics = MDB_stat()
        mdb_env_info(handle, &environmentInfo)
        mdb_env_stat(handle, &statistics)
        return EnvironmentInfo(environmentInfo, statistics)
    }

    private func attemptWrite<T>(_ body: (WriteTransaction) throws -> T) throws -> T {
        try gate.shared {
            let transaction = try WriteTransaction(beginningIn: self)
            let result: T
            do {
                result = try body(transaction)
            } catch {
                transaction.abort()
                // A put that ran out of room poisons the transaction; report it as such even if
                // the body turned it into an error of its own, so that the map is grown.
                if let mapFull = transaction.mapFullError { throw mapFull }
                throw error
            }
            if let mapFull = transaction.mapFullError {
                transaction.abort()
                throw mapFull
            }
            try transaction.commit()
            return result
        }
    }

    /// Doubles the map, unless another writer already grew it past `observedSize`.
    private func growMap(beyond observedSize: Int) throws {
        try gate.exclusive { () throws(StoreError) in
            let current = unguardedInfo().mapSize
            guard current <= observedSize else { return }
            guard current < options.maxMapSize else {
                throw StoreError(
                    kind: .mapFull, operation: "write",
                    message: "\(path) is full at its maximum map size of \(options.maxMapSize) bytes")
            }
            let grown = min(Self.roundedToMebibytes(current * 2), options.maxMapSize)
            try check(mdb_env_set_mapsize(handle, grown), "mdb_env_set_mapsize", context: path)
            currentMapSize.store(grown, ordering: .releasing)
        }
    }

    static func roundedToMebibytes(_ size: Int) -> Int {
        let mebibyte = 1 << 20
        return (size + mebibyte - 1) / mebibyte * mebibyte
    }
}

/// A picture of an environment's size and activity.
public struct EnvironmentInfo: Sendable, Equatable {
    /// The current size of the memory map in bytes (address space, not disk).
    public var mapSize: Int
    public var pageSize: Int
    /// The highest page in use; `(lastPageNumber + 1) * pageSize` bytes of the file are live.
    public var lastPageNumber: Int
    /// Increases by one with every committed write transaction.
    public var lastTransactionID: Int
    public var readersInUse: Int

    /// Bytes of the data file in use.
    public var usedBytes: Int { (lastPageNumber + 1) * pageSize }

    init(_ environmentInfo: MDB_envinfo, _ statistics: MDB_stat) {
        mapSize = environmentInfo.me_mapsize
        pageSize = Int(statistics.ms_psize)
        lastPageNumber = environmentInfo.me_last_pgno
        lastTransactionID = environmentInfo.me_last_txnid
        readersInUse = Int(environmentInfo.me_numreaders)
    }
}
