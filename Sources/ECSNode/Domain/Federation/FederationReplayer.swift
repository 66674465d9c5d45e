import KVStore

/// Applies a `federation.apply` command: checks that it continues this region's replay from its
/// region, applies the command it carries through the ordinary state machine (so versions,
/// watch events and audit records appear here as they did at home), and moves the position —
/// all in the apply transaction, so a replay takes effect exactly once.
///
/// The carried command is not written to this region's own outbox (the caller records only the
/// outer `federation.apply`, which is never shared): regions replay what their home applied,
/// never each other's copies back.
struct FederationReplayer {
    let tables: ConfigTables
    let transaction: WriteTransaction
    /// The local Raft index of the `federation.apply` entry.
    let index: UInt64

    /// What to do with a carried command.
    private enum Admission {
        /// Apply it; its change counts toward `namespace`'s version.
        case apply(Namespace)
        /// Move past it without applying it.
        case skip
        /// Not yet: this region lacks what the command depends on; refuse, and leave the position.
        case wait(String)
    }

    /// Applies `replay`, using `perform` for the carried command's action.
    func apply(_ replay: FederationReplay, perform: (Command) throws -> CommandOutcome) throws -> CommandOutcome {
        let progress = FederationProgress(tables: tables)
        let position = try progress.position(of: replay.region, in: transaction)
        guard replay.after == position.index, replay.index > position.index else {
            return .rejected(
                Rejection(
                    reason: .federationOutOfOrder,
                    detail: "a replay of \(replay.region)'s index \(replay.index) after \(replay.after) does not "
                        + "continue this region's position \(position.index)"))
        }
        var at = position.at
        var refusal: String?
        if let command = replay.command {
            switch try admission(of: command, from: replay.region) {
            case .apply(let namespace):
                let outcome = try perform(command)
                if case .rejected(let rejection) = outcome {
                    refusal = "\(rejection.reason.rawValue): \(rejection.detail)"
                }
                try AuditTrail(tables: tables).append(for: command, outcome: outcome, at: index, in: transaction)
                try progress.count(namespace, index: replay.index, at: command.issuedAt, in: transaction)
            case .skip:
                break
            case .wait(let reason):
                return .rejected(Rejection(reason: .federationWaiting, detail: reason))
            }
            at = command.issuedAt
        }
        try progress.store(FederationPosition(region: replay.region, index: replay.index, at: at), in: transaction)
        return .federated(FederationReceipt(region: replay.region, position: replay.index, refusal: refusal))
    }

    /// Whether `command`, shared by `region`, belongs in this region's copy. Directory and
    /// platform changes are applied as they come (the puller passes them on only from the
    /// platform region); a tenant's only while the directory here says the tenant is
    /// `replicated` and homed in `region` — a strict tenant's never, and one this region has not
    /// heard of yet must wait for the directory change that creates it.
    private func admission(of command: Command, from region: String) throws -> Admission {
        switch command.action {
        case .replay, .recordAccess:
            return .skip
        case .putTenant:
            return .apply(.platform)
        default:
            guard let namespace = FederationOutbox.namespace(of: command) else { return .skip }
            guard case .tenant(let name) = namespace else { return .apply(.platform) }
            guard let tenant = try TenantDirectory(tables: tables).tenant(name, in: transaction) else {
                return .wait("tenant \(name) is not in this region's directory yet (it comes from the platform region)")
            }
            guard tenant.homeRegion == region, tenant.residency == .replicated else { return .skip }
            return .apply(namespace)
        }
    }
}

/// What a `federation.apply` did: the region's replay stands at `position` (the command was
/// applied, or passed over when it does not belong here).
struct FederationReceipt: Equatable, Sendable {
    var region: String
    var position: UInt64
    /// Why the state machine refused the carried command, which its home applied: the copy has
    /// diverged from the home (the puller reports it; the position moves on, since applying the
    /// same command to the same copy again would be refused again).
    var refusal: String? = nil
}

extension FederationReceipt: JSONRecord {
    var json: JSONValue {
        .object(omittingAbsent: [
            "region": .string(region), "position": .count(position), "refusal": refusal.map { .string($0) },
        ])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        region = try fields.string("region")
        position = try fields.count("position")
        refusal = try fields.optionalString("refusal")
    }
}
