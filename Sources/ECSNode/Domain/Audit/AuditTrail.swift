import KVStore

/// The audit trails, one hash chain per namespace, in the `audit` table.
///
/// The state machine appends a record for every command it applies — successes and refusals
/// alike — inside the apply transaction, so every node holds the same trails and a record exists
/// exactly when its command took effect (or was refused). The API pages through a trail and
/// recomputes its chain (`verify`), which exposes a record changed, removed or reordered on disk.
struct AuditTrail {
    let table: Database
    /// Each trail's `AuditHead`, kept with every append.
    let heads: Database

    init(tables: ConfigTables) {
        table = tables.audit
        heads = tables.auditHeads
    }

    /// Appends the record of `command`, applied at `index` with `outcome`, to its namespace's trail.
    /// An access report has no record of its own: `AccessRecorder` appends one per counter.
    func append(
        for command: Command, outcome: CommandOutcome, at index: UInt64, in transaction: WriteTransaction
    ) throws {
        guard let subject = AuditSubject(command.action) else { return }
        try append(
            AuditRecord(
                seq: 0, at: command.issuedAt, actor: command.actor, action: command.action.typeName,
                resource: subject.resource, outcome: outcome.auditOutcome,
                detail: subject.detail.merging(outcome.auditDetail) { _, fromOutcome in fromOutcome }, index: index,
                prevHash: "", hash: ""),
            to: subject.namespace, in: transaction)
    }

    /// Appends `record` to the trail of `namespace`, giving it the next `seq` and chaining it to
    /// the last record (its own `seq`, `prevHash` and `hash` are ignored).
    func append(_ record: AuditRecord, to namespace: Namespace, in transaction: WriteTransaction) throws {
        let last = try head(of: namespace, in: transaction)
        var record = record
        record.seq = (last?.seq ?? 0) + 1
        record.prevHash = last?.hash ?? AuditRecord.genesisHash
        let sealed = record.sealed
        try transaction.put(sealed.bytes, forKey: TableKeys.audit(namespace, record.seq), in: table)
        try transaction.put(
            AuditHead(seq: record.seq, hash: sealed.hash).bytes, forKey: TableKeys.auditPrefix(of: namespace), in: heads
        )
    }

    /// The records of `namespace` after `seq`, oldest first, at most `limit`.
    func records(
        of namespace: Namespace, after seq: UInt64, limit: Int, in transaction: ReadTransaction
    ) throws -> [AuditRecord] {
        let range = KeyRange.from(
            TableKeys.audit(namespace, seq &+ 1), to: TableKeys.audit(namespace, .max))
        return try transaction.entries(in: table, range: range, limit: limit).map {
            try RecordCoding.decode(AuditRecord.self, from: $0.value, table: ConfigTables.auditName)
        }
    }

    /// Recomputes the chain of `namespace` from its first record, and checks that it ends where
    /// its head says: records cut off the end of a trail chain correctly among themselves, but
    /// leave the head pointing past them.
    func verify(_ namespace: Namespace, in transaction: ReadTransaction) throws -> AuditVerification {
        var verification = AuditVerification()
        let prefix = TableKeys.auditPrefix(of: namespace)
        try transaction.forEach(in: table, range: .prefix(prefix)) { entry in
            let expectedSeq = UInt64(verification.count + 1)
            guard let record = try? AuditRecord(jsonBytes: entry.value),
                TableKeys.audit(namespace, record.seq) == entry.key, record.seq == expectedSeq,
                record.prevHash == (verification.head ?? AuditRecord.genesisHash), record.hash == record.expectedHash
            else {
                verification.brokenAt = expectedSeq
                return .stop
            }
            verification.count += 1
            verification.head = record.hash
            return .continue
        }
        if verification.ok, let stored = try? transaction.get(prefix, in: heads),
            (try? AuditHead(bytes: stored)) != AuditHead(seq: UInt64(verification.count), hash: verification.head ?? "")
        {
            verification.brokenAt = UInt64(verification.count + 1)
        }
        return verification
    }

    /// What the next record of `namespace` chains to; `nil` for an empty trail.
    private func head(of namespace: Namespace, in transaction: ReadTransaction) throws -> AuditHead? {
        let prefix = TableKeys.auditPrefix(of: namespace)
        if let stored = try transaction.get(prefix, in: heads) { return try AuditHead(bytes: stored) }
        // A trail written before `audit-heads` existed: its last record says the same.
        return try transaction.entries(in: table, range: .prefix(prefix), reverse: true, limit: 1).first.map {
            let last = try RecordCoding.decode(AuditRecord.self, from: $0.value, table: ConfigTables.auditName)
            return AuditHead(seq: last.seq, hash: last.hash)
        }
    }
}

/// What `AuditTrail.verify` found.
struct AuditVerification: Equatable, Sendable {
    /// How many records, from the first, chain correctly.
    var count = 0
    /// The hash of the last record that chains correctly; `nil` for an empty trail.
    var head: String?
    /// The sequence number where the chain breaks (a record changed, missing or out of place);
    /// `nil` when the whole trail verifies.
    var brokenAt: UInt64?

    var ok: Bool { brokenAt == nil }
}
