import KVStore

/// Applies the draft commands: creates a draft, records an approval, and publishes a draft's
/// changes as one version of its set through `VersionPublisher`, marking the draft published in
/// the same apply.
///
/// Publishing is refused with 409 while the set's policy requires an approval the draft lacks,
/// and with 422 while the draft fails `DraftCheck` against the set's head. The published version's
/// author is the draft's author (who wrote the changes) and its message the draft's; who
/// published it is kept in the draft (`DraftPublication.by`) and in the audit trail.
struct DraftWriter {
    let tables: ConfigTables
    let transaction: WriteTransaction
    /// The log index of the entry being applied; a new draft's id is made of it (`DraftID`).
    let index: UInt64
    let command: Command
    let schemaCache: SchemaCache

    private var drafts: DraftTable { DraftTable(tables: tables) }

    /// Stores a new open draft, whatever the set's schema thinks of it (`DraftCheck` runs at
    /// validate and publish); only its form, the tenant and the values' size are checked.
    func create(_ create: DraftCreate) throws -> CommandOutcome {
        let address = create.address
        if case .refused(let rejection) = try address.lookUpTenant(tables: tables, transaction: transaction) {
            return .rejected(rejection)
        }
        let violations = create.violations
        guard violations.isEmpty else {
            return .rejected(
                Rejection(reason: .invalidCommand, detail: "the draft is malformed", violations: violations))
        }
        for case let value? in create.changes.map(\.value) {
            if let refusal = ValueSizeCap.refusal(for: value) { return .rejected(refusal) }
        }
        let history = try SetHistory(of: address.namespace, address.set, tables: tables, transaction: transaction)
        let draft = DraftRecord(
            id: DraftID(index: index), author: command.actor, message: create.message, createdAt: command.issuedAt,
            baseVersion: history?.head.headVersion ?? 0, changes: create.changes)
        try drafts.save(draft, of: address, in: transaction)
        return .draft(DraftReceipt(address: address, draft: draft))
    }

    /// Records the actor's approval of an open draft; an approver who already approved it
    /// changes nothing. The author may not approve their own draft (403 `self-approval`).
    func approve(_ reference: DraftReference) throws -> CommandOutcome {
        let address = reference.address
        if case .refused(let rejection) = try address.lookUpTenant(tables: tables, transaction: transaction) {
            return .rejected(rejection)
        }
        var draft: DraftRecord
        switch try drafts.openDraft(reference.id, of: address, in: transaction) {
        case .refused(let rejection): return .rejected(rejection)
        case .open(let found): draft = found
        }
        guard draft.author != command.actor else {
            return .rejected(
                Rejection(
                    reason: .selfApproval,
                    detail: "'\(command.actor)' created draft \(draft.id) and may not approve it; someone else "
                        + "with ecs:approve on tenant '\(address.tenant)' does"))
        }
        if !draft.approvals.contains(where: { $0.by == command.actor }) {
            draft.approvals.append(DraftApproval(by: command.actor, at: command.issuedAt, index: index))
            try drafts.save(draft, of: address, in: transaction)
        }
        return .draft(DraftReceipt(address: address, draft: draft))
    }

    /// Publishes an open draft's changes, applied in order to the set's head, as one new version.
    func publish(_ reference: DraftReference) throws -> CommandOutcome {
        let address = reference.address
        let edition: String
        switch try address.lookUpTenant(tables: tables, transaction: transaction) {
        case .refused(let rejection): return .rejected(rejection)
        case .found(let tenant): edition = tenant.edition
        }
        var draft: DraftRecord
        switch try drafts.openDraft(reference.id, of: address, in: transaction) {
        case .refused(let rejection): return .rejected(rejection)
        case .open(let found): draft = found
        }
        let rules = SetRules(tables: tables, transaction: transaction)
        if draft.approvals.isEmpty, try rules.policy(of: address.namespace, address.set)?.requireApproval == true {
            return .rejected(
                Rejection(
                    reason: .approvalRequired,
                    detail: "set '\(address.set)' requires approval and draft \(draft.id) has none: someone other "
                        + "than its author approves it (POST …/drafts/\(draft.id)/approve) before it is published"))
        }
        let check = DraftCheck(tables: tables, transaction: transaction, schemaCache: schemaCache)
        if let refusal = try check.refusal(of: draft, to: address, edition: edition) { return .rejected(refusal) }
        let publisher = VersionPublisher(
            tables: tables, transaction: transaction, index: index, author: draft.author, at: command.issuedAt)
        let receipt = try publisher.publish(
            draft.changes.map(\.mutation), to: address.namespace, address.set, message: draft.message)
        draft.publication = DraftPublication(
            version: receipt.version, by: command.actor, at: command.issuedAt, index: index)
        try drafts.save(draft, of: address, in: transaction)
        return .written(receipt)
    }
}
