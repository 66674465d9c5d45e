import CLMDB

/// A read-write transaction, valid only inside the closure of `Environment.write`: everything
/// it changes becomes visible to other transactions at once, when the closure returns.
public final class WriteTransaction: ReadTransaction {
    /// Set when a write ran out of map space: the transaction can no longer commit, and
    /// `Environment.write` grows the map and runs the body again.
    private(set) var mapFullError: StoreError?

    init(beginningIn environment: Environment) throws {
        try super.init(beginningIn: environment, flags: 0)
    }

    /// Stores `value` under `key`, replacing any previous value.
    public func put(_ value: [UInt8], forKey key: [UInt8], in database: Database) throws {
        try validate(key: key, operation: "put")
        let code = key.withValue { keyValue in
            value.withValue { valueValue in mdb_put(handle, database.handle, &keyValue, &valueValue, 0) }
        }
        try checkWrite(code, "put", database)
    }

    /// Removes `key`; returns whether it was there.
    @discardableResult
    public func delete(_ key: [UInt8], in database: Database) throws -> Bool {
        try validate(key: key, operation: "delete")
        let code = key.withValue { keyValue in mdb_del(handle, database.handle, &keyValue, nil) }
        if code == MDB_NOTFOUND { return false }
        try checkWrite(code, "delete", database)
        return true
    }

    /// Removes every entry of `range`; returns how many there were.
    @discardableResult
    public func deleteAll(in database: Database, range: KeyRange = .all) throws -> Int {
        if range == .all {
            let removed = try count(in: database)
            try checkWrite(mdb_drop(handle, database.handle, 0), "mdb_drop", database)
            return removed
        }
        return try withCursor(over: database) { cursor in
            var removed = 0
            var entry = try cursor.first(in: range)
            while let current = entry, range.contains(current.key) {
                try checkWrite(cursor.deleteCurrent(), "delete", database)
                removed += 1
                // Re-seek rather than ask for the cursor's current entry: after deleting the last
                // entry of the tree LMDB leaves the cursor unpositioned and `current` fails.
                entry = try cursor.seek(atLeast: current.key)
            }
            return removed
        }
    }

    private func checkWrite(_ code: Int32, _ operation: String, _ database: Database) throws {
        guard code != 0 else { return }
        let error = StoreError(lmdbCode: code, operation: operation, context: "database '\(database.name)'")
        if error.kind == .mapFull { mapFullError = error }
        throw error
    }
}
