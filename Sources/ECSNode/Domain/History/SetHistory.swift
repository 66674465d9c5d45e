import KVStore

/// One set's versions, read inside one read transaction: the pages of its version list
/// (`SetHistory+Paging`) and its layers as of any version (`SetHistory+Layers`).
///
/// Versions are immutable and dense (1…head), and each records every change it made with the
/// value it replaced, so everything here is computed from the `versions` table and the head
/// layers alone, never from a copy kept per version.
struct SetHistory {
    let tables: ConfigTables
    let transaction: ReadTransaction
    /// The set's head: its newest version and etag.
    let head: SetRecord
    /// The id that prefixes the set's `versions` and `layers` keys.
    let setID: [UInt8]

    /// The history of (namespace, set), or `nil` when the set has no version yet.
    init?(of namespace: Namespace, _ set: String, tables: ConfigTables, transaction: ReadTransaction) throws {
        guard let head = try SetHeads(tables: tables).head(of: namespace, set, in: transaction) else { return nil }
        self.tables = tables
        self.transaction = transaction
        self.head = head
        self.setID = TableKeys.setID(namespace, set)
    }

    /// Whether `version` is one of the set's versions (1…head).
    func contains(_ version: UInt64) -> Bool {
        version >= 1 && version <= head.headVersion
    }

    /// The record of `version`, or `nil` when the set has no such version.
    func record(_ version: UInt64) throws -> VersionRecord? {
        guard contains(version),
            let bytes = try transaction.get(TableKeys.version(version, ofSet: setID), in: tables.versions)
        else { return nil }
        return try Self.decode(bytes)
    }

    /// The `versions` keys of the versions in `(after, through]`, for `after` < `through`.
    func versionKeys(after lower: UInt64, through upper: UInt64) -> KeyRange {
        let (end, overflow) = upper.addingReportingOverflow(1)
        return KeyRange(
            lower: TableKeys.version(lower + 1, ofSet: setID),
            upper: overflow ? KeyRange.prefix(setID).upper : TableKeys.version(end, ofSet: setID))
    }

    static func decode(_ bytes: [UInt8]) throws -> VersionRecord {
        try RecordCoding.decode(VersionRecord.self, from: bytes, table: ConfigTables.versionsName)
    }
}
