import KVStore

/// Applies a rollback: publishes, through `VersionPublisher`, the changes that take a set's head
/// layers back to those of an earlier version, as a new version (history is never rewritten).
///
/// Refused like a direct write where the set's rules say so — 409 while its policy requires
/// approval, 422 when a value it brings back violates the set's current schema or the secret
/// guard — and 404 for an unknown tenant, set or version.
struct RollbackWriter {
    let tables: ConfigTables
    let transaction: WriteTransaction
    let index: UInt64
    let command: Command
    let schemaCache: SchemaCache

    func apply(_ rollback: SetRollback) throws -> CommandOutcome {
        let address = rollback.address
        let edition: String
        switch try address.lookUpTenant(tables: tables, transaction: transaction) {
        case .refused(let rejection): return .rejected(rejection)
        case .found(let tenant): edition = tenant.edition
        }
        guard let history = try SetHistory(of: address.namespace, address.set, tables: tables, transaction: transaction)
        else {
            return .rejected(Rejection(reason: .notFound, detail: "set '\(address.set)' has no versions"))
        }
        let head = history.head.headVersion
        guard let (target, current) = try history.layers(asOf: rollback.toVersion, and: head) else {
            return .rejected(
                Rejection(
                    reason: .notFound,
                    detail: "set '\(address.set)' has no version \(rollback.toVersion); its versions are 1 to \(head)"))
        }
        let rules = SetRules(tables: tables, transaction: transaction)
        if try rules.policy(of: address.namespace, address.set)?.requireApproval == true {
            return .rejected(
                Rejection(
                    reason: .approvalRequired,
                    detail: "set '\(address.set)' requires approval: a rollback goes through a draft like any change"))
        }
        let mutations = Self.mutations(from: current, to: target)
        let guardrails = Guardrails(tables: tables, transaction: transaction, schemaCache: schemaCache)
        if let refusal = try guardrails.refusal(of: mutations, to: address.namespace, address.set, edition: edition) {
            return .rejected(refusal)
        }
        let publisher = VersionPublisher(
            tables: tables, transaction: transaction, index: index, author: command.actor, at: command.issuedAt)
        return .written(
            try publisher.publish(
                mutations, to: address.namespace, address.set, message: "rollback to version \(rollback.toVersion)"))
    }

    /// The item changes that turn `current` into `target`, in scope then key order (so every
    /// node publishes the same change list).
    static func mutations(from current: SetLayers, to target: SetLayers) -> [VersionPublisher.Mutation] {
        let scopes = Set(current.scopes.keys).union(target.scopes.keys).sorted { $0.description < $1.description }
        var mutations: [VersionPublisher.Mutation] = []
        for scope in scopes {
            let keys = Set((current.scopes[scope] ?? [:]).keys).union((target.scopes[scope] ?? [:]).keys)
            for key in keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                let wanted = target.value(at: scope, key: key)
                if wanted != current.value(at: scope, key: key) {
                    mutations.append(.init(scope: scope, key: key, value: wanted))
                }
            }
        }
        return mutations
    }
}
