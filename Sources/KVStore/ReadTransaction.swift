import CLMDB

/// A read-only view of the store at one moment, valid only inside the closure of
/// `Environment.read` (or, as a `WriteTransaction`, of `Environment.write`).
///
/// Using it after its closure returned is a programming error and stops the process with a
/// clear message rather than touching freed LMDB memory.
public class ReadTransaction {
    let environment: Environment
    private let openHandle: OpaquePointer
    private var isOpen = true

    init(beginningIn environment: Environment, flags: UInt32 = UInt32(MDB_RDONLY)) throws {
        var handle: OpaquePointer?
        try check(mdb_txn_begin(environment.handle, nil, flags, &handle), "mdb_txn_begin", context: environment.path)
        self.environment = environment
        self.openHandle = handle!
    }

    /// The LMDB transaction, checked to still be open.
    var handle: OpaquePointer {
        precondition(isOpen, "KVStore: a transaction was used after its closure returned")
        return openHandle
    }

    /// The value stored under `key`, or `nil`.
    public func get(_ key: [UInt8], in database: Database) throws -> [UInt8]? {
        try validate(key: key, operation: "get")
        var value = MDB_val()
        let code = key.withValue { keyValue in mdb_get(handle, database.handle, &keyValue, &value) }
        if code == MDB_NOTFOUND { return nil }
        try check(code, "get", context: "database '\(database.name)'")
        return [UInt8](copying: value)
    }

    /// The number of entries in `database`.
    public func count(in database: Database) throws -> Int {
        var statistics = MDB_stat()
        try check(mdb_stat(handle, database.handle, &statistics), "mdb_stat", context: "database '\(database.name)'")
        return statistics.ms_entries
    }

    /// Runs `body` with a cursor over `database`, closed when `body` returns.
    public func withCursor<T>(over database: Database, _ body: (Cursor) throws -> T) throws -> T {
        let cursor = try Cursor(transaction: self, database: database)
        defer { cursor.close() }
        return try body(cursor)
    }

    /// Hands every entry of `range` to `body` in key order (or in reverse), until `body` says
    /// `.stop` or the range ends.
    public func forEach(
        in database: Database, range: KeyRange = .all, reverse: Bool = false,
        _ body: (Entry) throws -> ScanDecision
    ) throws {
        try withCursor(over: database) { cursor in
            var entry = try reverse ? cursor.last(in: range) : cursor.first(in: range)
            while let current = entry, range.contains(current.key) {
                if try body(current) == .stop { return }
                entry = try reverse ? cursor.previous() : cursor.next()
            }
        }
    }

    /// The entries of `range` in key order (or in reverse), at most `limit` of them.
    public func entries(
        in database: Database, range: KeyRange = .all, reverse: Bool = false, limit: Int = .max
    ) throws -> [Entry] {
        var collected: [Entry] = []
        guard limit > 0 else { return collected }
        try forEach(in: database, range: range, reverse: reverse) { entry in
            collected.append(entry)
            return collected.count < limit ? .continue : .stop
        }
        return collected
    }

    /// Ends the transaction without committing (the only way a read-only one ends).
    func abort() {
        guard isOpen else { return }
        isOpen = false
        mdb_txn_abort(openHandle)
    }

    /// Commits, which frees the LMDB transaction whether or not the commit succeeds.
    func commit() throws {
        precondition(isOpen, "KVStore: a transaction was committed twice")
        isOpen = false
        try check(mdb_txn_commit(openHandle), "mdb_txn_commit", context: environment.path)
    }

    /// LMDB refuses empty keys and keys longer than its compile-time maximum; say so plainly.
    func validate(key: [UInt8], operation: String) throws {
        let maximum = Int(mdb_env_get_maxkeysize(environment.handle))
        guard !key.isEmpty, key.count <= maximum else {
            throw StoreError(
                kind: .invalidKey, operation: operation,
                message: "keys must be 1 to \(maximum) bytes long, this one is \(key.count)")
        }
    }
}
