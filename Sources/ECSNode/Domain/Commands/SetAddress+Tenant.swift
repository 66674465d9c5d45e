import KVStore

extension SetAddress {
    /// The addressed set's tenant, or why a command on the set is refused.
    enum TenantLookup {
        case found(TenantRecord)
        /// Invalid names, or a tenant that does not exist.
        case refused(Rejection)
    }

    /// Checks the names (a log entry is never trusted more than a request) and finds the tenant.
    func lookUpTenant(tables: ConfigTables, transaction: ReadTransaction) throws -> TenantLookup {
        guard violations.isEmpty else {
            return .refused(
                Rejection(reason: .invalidCommand, detail: "the set address is invalid", violations: violations))
        }
        guard let record = try TenantDirectory(tables: tables).tenant(tenant, in: transaction) else {
            return .refused(Rejection(reason: .unknownTenant, detail: Rejection.unknownTenantDetail(tenant)))
        }
        return .found(record)
    }
}
