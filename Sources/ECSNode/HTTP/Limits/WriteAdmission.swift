import Hummingbird

/// Admission control of item writes: a tenant's edition limits (`EditionLimits`), checked by the
/// node that is about to propose the write, before it is proposed.
extension APIServices {
    /// Refuses a write to `address` (a put of `value`, or a delete when `nil`, with a request
    /// body of `bodyBytes`) that its tenant's edition does not allow: 413 for a body or value too
    /// large, 429 for a set at its key quota or a tenant over its writes per second.
    ///
    /// Only the leader checks (a follower forwards, and the leader checks then), so a tenant's
    /// rate is counted in one place and the quota is read from the freshest state. Platform
    /// layers have no edition: only the node's body limit and `ValueSizeCap` bound them. A tenant
    /// that does not exist is left to the state machine, which answers 404. The checks that read
    /// nothing come first, the key count (a scan of the set) next, and the rate last, so a
    /// refused write does not use up the tenant's allowance.
    func admitItemWrite(to address: ItemAddress, value: JSONValue?, bodyBytes: Int) throws {
        guard case .tenant(let tenant) = address.namespace, consensus.status().role == "leader" else { return }
        let environment = consensus.stateStore.environment
        let tables = try ConfigTables(in: environment)
        guard
            let edition = try environment.read({
                try TenantDirectory(tables: tables).tenant(tenant, in: $0)?.edition
            })
        else { return }
        let limits = dependencies.editions.limits(for: edition)
        guard bodyBytes <= limits.maxRequestBytes else {
            throw Problem.requestTooLarge(
                bytes: bodyBytes, tenant: tenant, edition: edition, limit: limits.maxRequestBytes)
        }
        if let value {
            let size = value.canonicalBytes.count
            guard size <= limits.maxValueBytes else {
                throw Problem.valueTooLarge(bytes: size, tenant: tenant, edition: edition, limit: limits.maxValueBytes)
            }
            let keys = try environment.read {
                try SetKeyCensus(tables: tables, transaction: $0).keysBeforeAdding(address)
            }
            if let keys, keys >= limits.maxKeysPerSet {
                throw Problem.keyQuotaExceeded(
                    set: address.set, tenant: tenant, edition: edition, limit: limits.maxKeysPerSet)
            }
        }
        if let wait = rateLimiter.take(tenant, perSecond: limits.writesPerSecond) {
            throw Problem.rateLimited(
                tenant: tenant, edition: edition, perSecond: limits.writesPerSecond, retryAfter: wait)
        }
    }
}
