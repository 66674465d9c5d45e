import KVStore

/// The one encoding of every record in `ConfigTables`: canonical JSON (`JSONRecord`), so that
/// applying the same entries on two nodes writes byte-identical tables.
enum RecordCoding {
    static func encode(_ record: some JSONRecord) -> [UInt8] {
        record.jsonBytes
    }

    /// Decodes a stored record; a record that does not decode means the store is damaged, which
    /// is reported as a storage error (the node stops rather than guess).
    static func decode<Record: JSONRecord>(_ type: Record.Type, from bytes: [UInt8], table: String) throws -> Record {
        do {
            return try Record(jsonBytes: bytes)
        } catch {
            throw StoreError(
                kind: .corrupted, operation: "decode \(Record.self)",
                message: "a record of table '\(table)' does not decode: \(error)")
        }
    }
}
