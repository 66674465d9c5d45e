import KVStore

/// `Idempotency-Key` at apply time: the `idempotency` table remembers, per (namespace, key), the
/// first outcome of a keyed command, and answers a retry of the same request with it instead of
/// applying it again (`CommandOutcome.replayed`).
///
/// Why in the state machine rather than in the HTTP layer of one node: the retry of a write that
/// ended in 504 may reach another node after a leader change, and may even be committed next to
/// its first attempt. Deciding at apply time, in the apply transaction, makes the answer the
/// same on every node and exact even for two attempts in flight at once.
///
/// Time is the commands' `issuedAt` (the proposer's clock stamped into the entry), never a clock
/// read while applying: a key stays bound to its request while the command that reuses it was
/// issued less than 24 h after the first. Expired keys are deleted oldest first through the
/// `idempotency-expiry` index, at most `pruneLimit` per applied command, so the tables stay
/// bounded by the keys of about one day without any apply doing unbounded work.
struct IdempotencyLedger {
    /// How long a key stays bound to its first request, in milliseconds of `issuedAt`.
    static let windowMilliseconds: Int64 = 24 * 60 * 60 * 1000
    /// The most expired keys one applied command deletes.
    static let pruneLimit = 64

    let tables: ConfigTables
    let transaction: WriteTransaction

    /// The outcome of `command`, committed at `index`: first prunes what expired by its
    /// `issuedAt`; then, for a keyed command, answers the stored outcome of the same request,
    /// refuses a different request under a live key, or runs `apply` and stores its outcome
    /// (refusals included). A command without a key just runs `apply`.
    func outcome(
        of command: Command, at index: UInt64, apply: () throws -> CommandOutcome
    ) throws -> CommandOutcome {
        try prune(asOf: command.issuedAt)
        guard let claim = command.idempotency else { return try apply() }
        let violations = IdempotencyClaim.violations(ofKey: claim.key)
        guard violations.isEmpty else {
            return .rejected(
                Rejection(reason: .invalidCommand, detail: "the Idempotency-Key is invalid", violations: violations))
        }
        let key = TableKeys.idempotency(command.action.idempotencyNamespace, claim.key)
        if let first = try record(at: key) {
            if Self.isLive(first, at: command.issuedAt) {
                guard first.hash == claim.hash else { return .rejected(Self.reused(claim, first: first)) }
                return .replayed(first.outcome)
            }
            // Expired but not yet pruned: the key starts over; its old expiry entry goes with it.
            try transaction.delete(
                TableKeys.idempotencyExpiry(at: first.at, index: first.index), in: tables.idempotencyExpiry)
        }
        let outcome = try apply()
        let record = IdempotencyRecord(hash: claim.hash, outcome: outcome, at: command.issuedAt, index: index)
        try transaction.put(RecordCoding.encode(record), forKey: key, in: tables.idempotency)
        try transaction.put(
            key, forKey: TableKeys.idempotencyExpiry(at: command.issuedAt, index: index), in: tables.idempotencyExpiry)
        return outcome
    }

    /// Deletes up to `pruneLimit` of the oldest keys first used at or before `at - window`.
    func prune(asOf at: Int64) throws {
        let (firstLive, overflow) = at.subtractingReportingOverflow(Self.windowMilliseconds - 1)
        guard !overflow else { return }
        let expired = try transaction.entries(
            in: tables.idempotencyExpiry, range: KeyRange(upper: TableKeys.idempotencyTime(firstLive)),
            limit: Self.pruneLimit)
        for entry in expired {
            try transaction.delete(entry.value, in: tables.idempotency)
            try transaction.delete(entry.key, in: tables.idempotencyExpiry)
        }
    }

    /// Whether `first` still binds its key for a command issued at `at`: less than the window
    /// later (or earlier, when a new leader's clock is behind the old one's).
    private static func isLive(_ first: IdempotencyRecord, at: Int64) -> Bool {
        let (age, overflow) = at.subtractingReportingOverflow(first.at)
        return !overflow && age < windowMilliseconds
    }

    private func record(at key: [UInt8]) throws -> IdempotencyRecord? {
        try transaction.get(key, in: tables.idempotency).map {
            try RecordCoding.decode(IdempotencyRecord.self, from: $0, table: ConfigTables.idempotencyName)
        }
    }

    private static func reused(_ claim: IdempotencyClaim, first: IdempotencyRecord) -> Rejection {
        Rejection(
            reason: .idempotencyKeyReused,
            detail:
                "the Idempotency-Key '\(claim.key)' was used less than 24 h ago (log index \(first.index)) for a "
                + "different request (another method, item, body or If-Match); a new request needs a new key")
    }
}

extension Command.Action {
    /// Whose keys a command's `Idempotency-Key` is one of: the tenant's for its items (the spec
    /// scopes keys to the tenant), the platform's for platform layers and tenant settings.
    var idempotencyNamespace: Namespace {
        switch self {
        case .putItem(let put): put.address.namespace
        case .deleteItem(let delete): delete.address.namespace
        case .putTenant, .recordAccess, .replay: .platform
        case .putSchema(let put): put.address.namespace
        case .deleteSchema(let delete): delete.address.namespace
        case .putPolicy(let put): put.address.namespace
        case .rollback(let rollback): rollback.address.namespace
        case .createDraft(let create): create.address.namespace
        case .approveDraft(let reference), .publishDraft(let reference): reference.address.namespace
        }
    }
}
