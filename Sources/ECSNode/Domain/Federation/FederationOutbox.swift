import KVStore

/// The `outbox` table: the commands this region applied that other regions replay to hold their
/// copies, keyed by the Raft index that applied them (a `RetainedLog`).
///
/// Shared are the commands whose namespace may live outside this region: the platform's (its
/// `global` and `edition:*` layers resolve under every tenant), every tenant directory change
/// (every region must know every tenant's home and residency, never its values), and everything
/// of a `replicated` tenant. A `strict` tenant's values, versions and audit never enter it: that
/// is what keeps them in their home region. Only commands that changed something are kept —
/// refusals and idempotent replays change nothing a copy would need.
///
/// Written inside the apply transaction, so a command is in the outbox exactly when it took
/// effect, and every node of the region holds the same outbox (a remote region may read it
/// from any of them).
struct FederationOutbox {
    /// How many log indexes of commands are kept for remote regions that fell behind; one
    /// further behind starts over from a copy of the namespace. A constant, like
    /// `EventLog.defaultRetention`, because pruning runs in `apply`.
    static let defaultRetention: UInt64 = 100_000

    private let log: RetainedLog
    private let tenants: TenantDirectory

    init(tables: ConfigTables, retention: UInt64 = Self.defaultRetention) {
        log = RetainedLog(tables.outbox, retention: retention)
        tenants = TenantDirectory(tables: tables)
    }

    /// Keeps `bytes` (the command as it came through the log) when `command`, applied at `index`
    /// with `outcome`, is one other regions replay.
    func record(
        _ bytes: [UInt8], of command: Command, outcome: CommandOutcome, at index: UInt64,
        in transaction: WriteTransaction
    ) throws {
        guard try isShared(command, outcome: outcome, in: transaction) else { return }
        try log.append(bytes, at: index, in: transaction)
    }

    /// The commands kept at indexes in `(index, upTo]`, oldest first, at most `limit`.
    func commands(
        after index: UInt64, upTo last: UInt64, limit: Int, in transaction: ReadTransaction
    ) throws -> [(index: UInt64, bytes: [UInt8])] {
        try log.records(after: index, upTo: last, limit: limit, in: transaction)
    }

    /// The highest index whose command may have been pruned (0 when nothing was): a remote
    /// region that has replayed through a lower index cannot continue from the outbox.
    func floor(in transaction: ReadTransaction) throws -> UInt64 {
        try log.floor(in: transaction)
    }

    private func isShared(_ command: Command, outcome: CommandOutcome, in transaction: ReadTransaction) throws -> Bool {
        switch outcome {
        case .rejected, .replayed, .accessRecorded: return false
        default: break
        }
        if case .putTenant = command.action { return true }
        guard let subject = AuditSubject(command.action) else { return false }
        switch subject.namespace {
        case .platform: return true
        case .tenant(let name): return try tenants.tenant(name, in: transaction)?.residency == .replicated
        }
    }
}
