import KVStore

/// The replicated config state: applies committed log entries to `ConfigTables`.
///
/// The Raft shell calls `apply` for every committed entry, inside the write transaction that
/// also records the applied index, so an entry's effects and the record of having applied it
/// commit together (exactly once across crashes). `apply` is a pure function of the command
/// bytes, the index and the tables: no clock, no randomness, no I/O outside the transaction —
/// every node writes byte-identical tables for the same log. Each decoded command also leaves a
/// record in its namespace's audit trail (`AuditTrail`), success or refusal; an access report
/// leaves one per counter instead (`AccessRecorder`).
struct ConfigStateMachine: CommandApplier {
    /// Compiled set schemas, so that a write does not recompile its set's schema. Shared by
    /// default: the cache only makes `apply` faster, never changes what it does.
    let schemaCache: SchemaCache

    init(schemaCache: SchemaCache = .shared) {
        self.schemaCache = schemaCache
    }

    /// Opens the state machine's tables in `environment`. Call it outside any transaction before
    /// the first `apply` or read on an environment: at start-up, and after installing a snapshot.
    static func prepare(_ environment: Environment) throws {
        _ = try ConfigTables(in: environment)
    }

    /// Applies the command in `command` (bytes of `Command.encoded()`) committed at `index`, and
    /// returns its outcome for the proposer.
    ///
    /// A command that does not decode or is invalid is refused with a rejection outcome (the
    /// entry is still applied, as a no-op). Throws only storage errors, after which the
    /// transaction must be abandoned and the node stop.
    func apply(
        _ command: [UInt8], at index: UInt64, in transaction: WriteTransaction, environment: Environment
    )
        throws -> CommandOutcome
    {
        let decoded: Command
        do {
            decoded = try Command.decode(command)
        } catch {
            return .rejected(Self.rejection(for: error))
        }
        let tables = try ConfigTables(in: environment)
        if case .replay(let replay) = decoded.action {
            return try FederationReplayer(tables: tables, transaction: transaction, index: index).apply(replay) {
                try perform($0, at: index, in: transaction, tables: tables)
            }
        }
        let ledger = IdempotencyLedger(tables: tables, transaction: transaction)
        let outcome = try ledger.outcome(of: decoded, at: index) {
            try perform(decoded, at: index, in: transaction, tables: tables)
        }
        try AuditTrail(tables: tables).append(for: decoded, outcome: outcome, at: index, in: transaction)
        try FederationOutbox(tables: tables).record(command, of: decoded, outcome: outcome, at: index, in: transaction)
        return outcome
    }

    /// Applies a decoded command's action (`outcome` has taken care of its `Idempotency-Key`).
    private func perform(
        _ decoded: Command, at index: UInt64, in transaction: WriteTransaction, tables: ConfigTables
    ) throws -> CommandOutcome {
        let items = ItemWriter(
            tables: tables, transaction: transaction, index: index, command: decoded, schemaCache: schemaCache)
        let rules = SetRulesWriter(tables: tables, transaction: transaction, index: index, schemaCache: schemaCache)
        let drafts = DraftWriter(
            tables: tables, transaction: transaction, index: index, command: decoded, schemaCache: schemaCache)
        switch decoded.action {
        case .putItem(let put):
            return try items.put(put)
        case .deleteItem(let delete):
            return try items.delete(delete)
        case .putTenant(let put):
            return try TenantDirectory(tables: tables).apply(
                put, at: decoded.issuedAt, index: index, in: transaction)
        case .putSchema(let put):
            return try rules.apply(put)
        case .deleteSchema(let delete):
            return try rules.apply(delete)
        case .putPolicy(let put):
            return try rules.apply(put)
        case .rollback(let rollback):
            return try RollbackWriter(
                tables: tables, transaction: transaction, index: index, command: decoded, schemaCache: schemaCache
            ).apply(rollback)
        case .createDraft(let create):
            return try drafts.create(create)
        case .approveDraft(let reference):
            return try drafts.approve(reference)
        case .publishDraft(let reference):
            return try drafts.publish(reference)
        case .recordAccess(let report):
            return try AccessRecorder(tables: tables, transaction: transaction, index: index).apply(
                report, of: decoded)
        case .replay:
            return .rejected(Rejection(reason: .invalidCommand, detail: "a federation.apply cannot carry another"))
        }
    }

    private static func rejection(for error: CommandDecodingError) -> Rejection {
        switch error {
        case .unsupportedVersion(let version):
            Rejection(
                reason: .unsupportedCommand,
                detail: "command format v\(version) is not supported by this node (it reads v\(Command.formatVersion))")
        case .unknownType(let type):
            Rejection(reason: .unsupportedCommand, detail: "command type '\(type)' is not supported by this node")
        case .malformed(let reason):
            Rejection(reason: .invalidCommand, detail: reason)
        }
    }
}
