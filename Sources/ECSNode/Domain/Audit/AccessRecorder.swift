import KVStore

/// Applies an `audit.access` command: one audit record per counter of the report, in the trail
/// of the counter's namespace, stamped with the proposer's time and the report's Raft index.
///
/// Counters of tenants that do not exist (a client probing names, a tenant removed since) are
/// left out — decided from the replicated tenant directory, so every node leaves out the same.
struct AccessRecorder {
    let tables: ConfigTables
    let transaction: WriteTransaction
    let index: UInt64

    /// Appends the records of `report`, which `command` (its proposer's time and subject) carried.
    func apply(_ report: AccessReport, of command: Command) throws -> CommandOutcome {
        let trail = AuditTrail(tables: tables)
        let tenants = TenantDirectory(tables: tables)
        var appended: UInt64 = 0
        for counter in report.counters {
            if case .tenant(let tenant) = counter.namespace, try !tenants.exists(tenant, in: transaction) { continue }
            let record = AuditRecord(
                seq: 0, at: command.issuedAt, actor: counter.actor, action: counter.kind.rawValue,
                resource: counter.resource,
                outcome: counter.auditOutcome,
                detail: [
                    "count": .count(counter.count), "from": .integer(counter.from), "to": .integer(counter.to),
                    "status": .integer(Int64(counter.status)), "node": .string(report.node),
                    "reportedBy": .string(command.actor),
                ],
                index: index, prevHash: "", hash: "")
            try trail.append(record, to: counter.namespace, in: transaction)
            appended += 1
        }
        return .accessRecorded(AccessReceipt(records: appended))
    }
}
