import CLMDB

/// A position in one database, moved by key order. Lives inside `withCursor`'s closure only.
///
/// Every move returns the entry it lands on, or `nil` when it runs off either end.
public final class Cursor {
    private let handle: OpaquePointer
    private let transaction: ReadTransaction
    private var isOpen = true

    init(transaction: ReadTransaction, database: Database) throws {
        var handle: OpaquePointer?
        try check(
            mdb_cursor_open(transaction.handle, database.handle, &handle), "mdb_cursor_open",
            context: "database '\(database.name)'")
        self.handle = handle!
        self.transaction = transaction
    }

    /// The first entry of the database.
    public func first() throws -> Entry? { try move(MDB_FIRST) }
    /// The last entry of the database.
    public func last() throws -> Entry? { try move(MDB_LAST) }
    /// The entry after the current one.
    public func next() throws -> Entry? { try move(MDB_NEXT) }
    /// The entry before the current one.
    public func previous() throws -> Entry? { try move(MDB_PREV) }
    /// The entry the cursor stands on.
    public func current() throws -> Entry? { try move(MDB_GET_CURRENT) }

    /// The first entry whose key is `key` or greater.
    public func seek(atLeast key: [UInt8]) throws -> Entry? {
        try transaction.validate(key: key, operation: "seek")
        return try key.withValue { keyValue in try move(MDB_SET_RANGE, key: &keyValue) }
    }

    /// The first entry inside `range`, if any (the caller checks the upper bound).
    public func first(in range: KeyRange) throws -> Entry? {
        guard let lower = range.lower else { return try first() }
        return try seek(atLeast: lower)
    }

    /// The last entry at or before the end of `range` (the caller checks the lower bound).
    public func last(in range: KeyRange) throws -> Entry? {
        guard let upper = range.upper else { return try last() }
        // Land on the first key at or past the excluded bound, then step back once; when no
        // such key exists every key is below the bound and the last one is the answer.
        return try seek(atLeast: upper) != nil ? try previous() : try last()
    }

    func deleteCurrent() -> Int32 {
        mdb_cursor_del(liveHandle, 0)
    }

    func close() {
        guard isOpen else { return }
        isOpen = false
        mdb_cursor_close(handle)
    }

    private var liveHandle: OpaquePointer {
        precondition(isOpen, "KVStore: a cursor was used after its closure returned")
        return handle
    }

    private func move(_ operation: MDB_cursor_op, key: inout MDB_val) throws -> Entry? {
        var value = MDB_val()
        let code = mdb_cursor_get(liveHandle, &key, &value, operation)
        if code == MDB_NOTFOUND { return nil }
        try check(code, "mdb_cursor_get")
        return Entry(key: [UInt8](copying: key), value: [UInt8](copying: value))
    }

    private func move(_ operation: MDB_cursor_op) throws -> Entry? {
        var key = MDB_val()
        return try move(operation, key: &key)
    }
}
