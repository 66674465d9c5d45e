import KVStore

/// The `sets` table: each set's head record, read by every write to the set and every config
/// read, and rewritten by every write.
///
/// Heads are decoded at most once per distinct stored bytes: a write remembers the head it
/// stores, so the next write to the set, which reads those same bytes, decodes nothing.
struct SetHeads {
    let tables: ConfigTables

    /// Decoded heads by key in `sets`, shared by every reader and writer of the process.
    private static let records = DecodeOnceCache<[UInt8], SetRecord>(limit: 4_096, table: ConfigTables.setsName)

    /// The head of (namespace, set), or `nil` when the set has no version yet.
    func head(of namespace: Namespace, _ set: String, in transaction: ReadTransaction) throws -> SetRecord? {
        let key = TableKeys.set(namespace, set)
        return try transaction.get(key, in: tables.sets).map { try Self.records.record(at: key, storedAs: $0) }
    }

    /// Stores `head` as the head of its set.
    func store(_ head: SetRecord, in transaction: WriteTransaction) throws {
        let key = TableKeys.set(head.namespace, head.name)
        let bytes = RecordCoding.encode(head)
        try transaction.put(bytes, forKey: key, in: tables.sets)
        Self.records.remember(head, at: key, storedAs: bytes)
    }
}
