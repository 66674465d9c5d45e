import KVStore

/// Reads and writes the `tenants` table inside a transaction.
struct TenantDirectory {
    let tables: ConfigTables

    /// Decoded tenant records, shared by every reader of the process.
    private static let records = DecodeOnceCache<String, TenantRecord>(limit: 4_096, table: ConfigTables.tenantsName)

    /// The tenant called `name`, or `nil`.
    func tenant(_ name: String, in transaction: ReadTransaction) throws -> TenantRecord? {
        try transaction.get(TableKeys.tenant(name), in: tables.tenants).map {
            try Self.records.record(at: name, storedAs: $0)
        }
    }

    /// Whether `name` is a tenant, without decoding its record (checked by every write).
    func exists(_ name: String, in transaction: ReadTransaction) throws -> Bool {
        try transaction.get(TableKeys.tenant(name), in: tables.tenants) != nil
    }

    /// Every tenant, in name order.
    func all(in transaction: ReadTransaction) throws -> [TenantRecord] {
        try transaction.entries(in: tables.tenants, range: .all).map {
            try RecordCoding.decode(TenantRecord.self, from: $0.value, table: ConfigTables.tenantsName)
        }
    }

    /// Applies `put` proposed at `at` (proposer time): creates the tenant or updates its edition,
    /// keeping its creation time. The home region and residency cannot change: other regions
    /// hold a copy of a `replicated` tenant from its creation on and none of a `strict` one, and
    /// changing either would mean moving or purging data across regions.
    func apply(
        _ put: TenantPut, at: Int64, index: UInt64, in transaction: WriteTransaction
    ) throws
        -> CommandOutcome
    {
        let violations = put.violations
        guard violations.isEmpty else {
            return .rejected(
                Rejection(reason: .invalidCommand, detail: "the tenant settings are invalid", violations: violations))
        }
        let existing = try tenant(put.tenant, in: transaction)
        if let existing, existing.homeRegion != put.homeRegion || existing.residency != put.residency {
            return .rejected(
                Rejection(
                    reason: .tenantSettingFixed,
                    detail:
                        "tenant \(put.tenant) is homed in \(existing.homeRegion) with \(existing.residency.rawValue) "
                        + "residency; both are fixed once a tenant exists (moving a tenant's data between regions is "
                        + "not supported)"))
        }
        let record = TenantRecord(
            tenant: put.tenant, edition: put.edition, homeRegion: put.homeRegion, residency: put.residency,
            createdAt: existing?.createdAt ?? at, updatedAt: at)
        try transaction.put(RecordCoding.encode(record), forKey: TableKeys.tenant(put.tenant), in: tables.tenants)
        return .tenant(TenantReceipt(record: record, index: index, created: existing == nil))
    }
}

/// The answer to a tenant write: the stored record, the log index, whether it was new.
struct TenantReceipt: Equatable, Sendable {
    var record: TenantRecord
    var index: UInt64
    var created: Bool
}
