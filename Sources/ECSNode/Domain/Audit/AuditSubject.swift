/// What an audit record says a command addressed: its namespace (whose trail records it), the
/// resource, and facts that are not values — a value appears only as its hash.
struct AuditSubject {
    var namespace: Namespace
    var resource: String
    var detail: [String: JSONValue] = [:]

    /// `nil` for an access report, which appends records of its own (one per counter) rather
    /// than one about itself.
    init?(_ action: Command.Action) {
        switch action {
        case .putItem(let put):
            self.init(item: put.address)
            detail["valueHash"] = .string(ContentHash.hex(of: put.value.canonicalBytes))
        case .deleteItem(let delete):
            self.init(item: delete.address)
        case .putTenant(let put):
            self.init(
                namespace: .tenant(put.tenant), resource: "tenants/\(put.tenant)",
                detail: [
                    "edition": .string(put.edition), "homeRegion": .string(put.homeRegion),
                    "residency": .string(put.residency.rawValue),
                ])
        case .putSchema(let put):
            self.init(
                namespace: put.address.namespace, resource: "sets/\(put.address.set)/schema",
                detail: ["schemaHash": .string(ContentHash.hex(of: put.document.canonicalBytes))])
        case .deleteSchema(let delete):
            self.init(namespace: delete.address.namespace, resource: "sets/\(delete.address.set)/schema")
        case .rollback(let rollback):
            self.init(
                namespace: rollback.address.namespace, resource: "sets/\(rollback.address.set)/rollback",
                detail: ["toVersion": .count(rollback.toVersion)])
        case .putPolicy(let put):
            self.init(
                namespace: put.address.namespace, resource: "sets/\(put.address.set)/policy",
                detail: ["requireApproval": .bool(put.policy.requireApproval)])
        case .createDraft(let create):
            self.init(
                namespace: create.address.namespace, resource: "sets/\(create.address.set)/drafts",
                detail: [
                    "changes": .count(UInt64(create.changes.count)),
                    "changesHash": .string(
                        ContentHash.hex(of: JSONValue.array(create.changes.map(\.json)).canonicalBytes)),
                ])
        case .approveDraft(let reference), .publishDraft(let reference):
            self.init(
                namespace: reference.address.namespace,
                resource: "sets/\(reference.address.set)/drafts/\(reference.id)")
        case .recordAccess, .replay:
            return nil
        }
    }

    private init(namespace: Namespace, resource: String, detail: [String: JSONValue] = [:]) {
        self.namespace = namespace
        self.resource = resource
        self.detail = detail
    }

    private init(item address: ItemAddress) {
        self.init(
            namespace: address.namespace,
            resource: "sets/\(address.set)/items/\(address.key)?scope=\(address.scope)")
    }
}

extension CommandOutcome {
    /// `ok`, `denied:<reason>` for a refusal, `replayed:<first outcome>` for an idempotent retry.
    var auditOutcome: String {
        switch self {
        case .written, .tenant, .schema, .schemaDeleted, .policy, .draft, .accessRecorded, .federated: "ok"
        case .rejected(let rejection): "denied:\(rejection.reason.rawValue)"
        case .replayed(let first): "replayed:\(first.auditOutcome)"
        }
    }

    /// The outcome's facts for the audit record: the version a write published, the draft a
    /// draft command stored (or, for a replay, what the first attempt did).
    var auditDetail: [String: JSONValue] {
        switch self {
        case .written(let receipt): ["set": .string(receipt.set), "version": .count(receipt.version)]
        case .draft(let receipt):
            [
                "draftId": .string(receipt.draft.id.description),
                "approvals": .count(UInt64(receipt.draft.approvals.count)),
            ]
        case .tenant, .schema, .schemaDeleted, .policy, .rejected, .accessRecorded, .federated: [:]
        case .replayed(let first): first.auditDetail
        }
    }
}
