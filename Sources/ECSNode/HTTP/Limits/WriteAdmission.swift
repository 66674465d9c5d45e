import Hummingbird
import KVStore

/// Admission control of writes: a tenant's edition limits (`EditionLimits`), checked by the node
/// that is about to propose the write, before it is proposed.
///
/// Only the leader checks (a follower forwards, and the leader checks then), so a tenant's rate
/// is counted in one place and the quota is read from the freshest state. Platform layers have no
/// edition: only the node's body limit and `ValueSizeCap` bound them. A tenant that does not exist
/// is left to the state machine, which answers 404. The checks that read nothing come first, the
/// key count (a scan of the set) next, and the rate last, so a refused write does not use up the
/// tenant's allowance.
extension APIServices {
    /// Refuses a write to `address` (a put of `value`, or a delete when `nil`, with a request
    /// body of `bodyBytes`) that its tenant's edition does not allow: 413 for a body or value too
    /// large, 429 for a set at its key quota or a tenant over its writes per second.
    func admitItemWrite(to address: ItemAddress, value: JSONValue?, bodyBytes: Int) throws {
        guard case .tenant(let tenant) = address.namespace, let admission = try admission(of: tenant) else { return }
        try admission.checkBody(bodyBytes)
        if let value {
            try admission.checkValue(value)
            let keys = try readState { tables, transaction in
                try SetKeyCensus(tables: tables, transaction: transaction).keysBeforeAdding(address)
            }
            if let keys, keys >= admission.limits.maxKeysPerSet { throw admission.keyQuotaExceeded(address.set) }
        }
        try takeWrite(admission)
    }

    /// Refuses a new draft of (tenant, set) — `values` are those its changes set, the request body
    /// `bodyBytes` long — that the tenant's edition does not allow: 413 for a body or value too
    /// large, 429 over the writes per second (a draft counts as a write). The key quota is for
    /// publishing: a draft adds no key to the set until then.
    func admitDraft(to address: SetAddress, values: [JSONValue], bodyBytes: Int) throws {
        guard let admission = try admission(of: address.tenant) else { return }
        try admission.checkBody(bodyBytes)
        for value in values { try admission.checkValue(value) }
        try takeWrite(admission)
    }

    /// Refuses publishing draft `id` of the set at `address` when the tenant's edition does not
    /// allow it: 429 when the draft would take the set past its key quota (a draft that adds no
    /// key passes, as a delete does), or the tenant is over its writes per second (a publish is a
    /// write). A draft that does not exist, or is published, is left to the state machine.
    func admitDraftPublish(of id: DraftID, to address: SetAddress) throws {
        guard let admission = try admission(of: address.tenant) else { return }
        let counts = try readState { tables, transaction -> SetKeyCensus.Counts? in
            guard let draft = try DraftTable(tables: tables).draft(id, of: address, in: transaction) else { return nil }
            return try SetKeyCensus(tables: tables, transaction: transaction).counts(
                of: address.namespace, address.set, after: draft.changes.map(\.mutation))
        }
        if let counts, counts.after > counts.before, counts.after > admission.limits.maxKeysPerSet {
            throw admission.keyQuotaExceeded(address.set)
        }
        try takeWrite(admission)
    }

    /// A tenant's edition limits, as this node checks them.
    private struct Admission {
        var tenant: String
        var edition: String
        var limits: EditionLimits

        func checkBody(_ bytes: Int) throws(Problem) {
            guard bytes <= limits.maxRequestBytes else {
                throw .requestTooLarge(bytes: bytes, tenant: tenant, edition: edition, limit: limits.maxRequestBytes)
            }
        }

        func checkValue(_ value: JSONValue) throws(Problem) {
            let size = value.canonicalBytes.count
            guard size <= limits.maxValueBytes else {
                throw .valueTooLarge(bytes: size, tenant: tenant, edition: edition, limit: limits.maxValueBytes)
            }
        }

        func keyQuotaExceeded(_ set: String) -> Problem {
            .keyQuotaExceeded(set: set, tenant: tenant, edition: edition, limit: limits.maxKeysPerSet)
        }
    }

    /// The limits to check for a write of `tenant`: `nil` when this node is not the leader or the
    /// tenant does not exist.
    private func admission(of tenant: String) throws -> Admission? {
        guard consensus.status().role == "leader",
            let edition = try readState({ tables, transaction in
                try TenantDirectory(tables: tables).tenant(tenant, in: transaction)?.edition
            })
        else { return nil }
        return Admission(tenant: tenant, edition: edition, limits: dependencies.editions.limits(for: edition))
    }

    /// Takes one write from the tenant's writes-per-second allowance, or refuses it with 429.
    private func takeWrite(_ admission: Admission) throws(Problem) {
        let perSecond = admission.limits.writesPerSecond
        if let wait = rateLimiter.take(admission.tenant, perSecond: perSecond) {
            throw .rateLimited(
                tenant: admission.tenant, edition: admission.edition, perSecond: perSecond, retryAfter: wait)
        }
    }
}
