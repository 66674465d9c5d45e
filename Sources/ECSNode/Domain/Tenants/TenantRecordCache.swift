import Synchronization

/// Decoded tenant records, reused while the bytes stored for the tenant stay the same.
///
/// Every write reads its tenant's record twice (admission on the HTTP path, limits when it is
/// applied) and the record changes only when an operator edits the tenant, so parsing its JSON
/// each time was measurable on the write path. The cache changes how fast a read is, never what
/// it returns: an entry is used only when the stored bytes equal the bytes it was decoded from.
/// Bounded: past `limit` tenants it starts over, which costs one parse per tenant.
final class TenantRecordCache: Sendable {
    /// The cache every reader of the process shares.
    static let shared = TenantRecordCache(limit: 4_096)

    private struct Entry {
        var bytes: [UInt8]
        var record: TenantRecord
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// The record of `tenant` stored as `bytes`, decoded at most once per distinct `bytes`.
    func record(of tenant: String, storedAs bytes: [UInt8]) throws -> TenantRecord {
        if let known = entries.withLock({ $0[tenant] }), known.bytes == bytes { return known.record }
        let record = try RecordCoding.decode(TenantRecord.self, from: bytes, table: ConfigTables.tenantsName)
        entries.withLock { entries in
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[tenant] = Entry(bytes: bytes, record: record)
        }
        return record
    }
}
