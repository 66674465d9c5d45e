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
    private let progress: FederationProgress

    init(tables: ConfigTables, retention: UInt64 = Self.defaultRetention) {
        log = RetainedLog(tables.outbox, retention: retention)
        tenants = TenantDirectory(tables: tables)
        progress = FederationProgress(tables: tables)
    }

    /// Keeps `bytes` (the command as it came through the log) when `command`, applied at `index`
    /// with `outcome`, is one other regions replay, and counts it as a change of its namespace
    /// (`FederationProgress`).
    func record(
        _ bytes: [UInt8], of command: Command, outcome: CommandOutcome, at index: UInt64,
        in transaction: WriteTransaction
    ) throws {
        guard let namespace = try sharedNamespace(of: command, outcome: outcome, in: transaction) else { return }
        try log.append(bytes, at: index, in: transaction)
        try progress.count(namespace, index: index, at: command.issuedAt, in: transaction)
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

    /// Whose change `command` is, for federation: the platform's for directory changes (the
    /// platform region owns the directory), otherwise the namespace it writes; `nil` for access
    /// reports and replays, which no other region takes. Read from the action alone — it runs on
    /// every write, so it must not compute an audit subject (which hashes the value).
    static func namespace(of command: Command) -> Namespace? {
        switch command.action {
        case .recordAccess, .replay: nil
        default: command.action.idempotencyNamespace
        }
    }

    /// The namespace whose change `command` shares, or `nil` when it is not shared.
    private func sharedNamespace(
        of command: Command, outcome: CommandOutcome, in transaction: ReadTransaction
    ) throws -> Namespace? {
        switch outcome {
        case .rejected, .replayed, .accessRecorded, .federated: return nil
        default: break
        }
        guard let namespace = Self.namespace(of: command) else { return nil }
        guard case .tenant(let name) = namespace else { return namespace }
        return try tenants.tenant(name, in: transaction)?.residency == .replicated ? namespace : nil
    }
}
