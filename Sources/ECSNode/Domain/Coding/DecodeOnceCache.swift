import Synchronization

/// Decoded records, reused while the bytes stored for them stay the same.
///
/// For records read on the write path far more often than their bytes change: a tenant (read at
/// admission and again when its write is applied, changed only when an operator edits it) and a
/// set's head (read by every write to the set, which stores the next head through `remember`, so
/// the following write finds its bytes known). Parsing their JSON every time was measurable.
///
/// The cache changes how fast a read is, never what it returns: an entry is used only when the
/// stored bytes equal the bytes it was decoded from or encoded to. A remembered write whose
/// transaction is then abandoned is therefore harmless: the bytes read later differ. Bounded:
/// past `limit` keys it starts over, which costs one decode per key.
final class DecodeOnceCache<Key: Hashable & Sendable, Record: Sendable>: Sendable {
    private struct Entry {
        var bytes: [UInt8]
        var record: Record
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let limit: Int
    private let decode: @Sendable ([UInt8]) throws -> Record

    init(limit: Int, decode: @escaping @Sendable ([UInt8]) throws -> Record) {
        self.limit = limit
        self.decode = decode
    }

    /// The record at `key` stored as `bytes`, decoded at most once per distinct `bytes`.
    func record(at key: Key, storedAs bytes: [UInt8]) throws -> Record {
        if let known = entries.withLock({ $0[key] }), known.bytes == bytes { return known.record }
        let record = try decode(bytes)
        remember(record, at: key, storedAs: bytes)
        return record
    }

    /// Notes that `bytes`, stored at `key`, decode to `record`: for a writer that has the record
    /// it encoded.
    func remember(_ record: Record, at key: Key, storedAs bytes: [UInt8]) {
        entries.withLock { entries in
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(bytes: bytes, record: record)
        }
    }
}

extension DecodeOnceCache where Record: JSONRecord {
    /// A cache of the records of table `table`, decoded by `RecordCoding`.
    convenience init(limit: Int, table: String) {
        self.init(limit: limit) { try RecordCoding.decode(Record.self, from: $0, table: table) }
    }
}
