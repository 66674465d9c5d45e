import KVStore

/// What publishing a draft checks of the set as it is at that moment, shared by
/// `POST …/drafts/{id}/validate` (a read) and `…/publish` (at apply), so that a draft validate
/// calls valid is one publish accepts, as long as the set does not change in between.
///
/// A draft is applied to the set's head, whatever version it was based on. So every check looks
/// at the head: each `delete` must still find its key there (a key deleted or never set since is
/// a `draft.absent` violation rather than a silent no-op), and the set as the changes would leave
/// it must satisfy its schema and the secret guard (`Guardrails`, the checks of a direct write).
struct DraftCheck {
    let tables: ConfigTables
    let transaction: ReadTransaction
    let schemaCache: SchemaCache

    /// Why `draft` cannot be published to the set at `address` now (422 `validation-failed`
    /// listing every violation, absent keys first; or `invalid-schema` when the set's stored
    /// schema does not compile on this build), or `nil` when it can. `edition` is the tenant's.
    func refusal(of draft: DraftRecord, to address: SetAddress, edition: String) throws -> Rejection? {
        let setID = TableKeys.setID(address.namespace, address.set)
        var violations: [Violation] = []
        for change in draft.changes where change.value == nil {
            let layer = TableKeys.layer(change.key, at: change.scope, inSet: setID)
            if try transaction.get(layer, in: tables.layers) == nil {
                violations.append(
                    Violation(
                        code: "draft.absent", path: "\(change.scope)/\(change.key)",
                        message: "The draft deletes this key, which the set no longer holds at this scope."))
            }
        }
        let guardrails = Guardrails(tables: tables, transaction: transaction, schemaCache: schemaCache)
        let guarded = try guardrails.refusal(
            of: draft.changes.map(\.mutation), to: address.namespace, address.set, edition: edition)
        if let guarded, guarded.reason != .validationFailed { return guarded }
        violations += guarded?.violations ?? []
        guard !violations.isEmpty else { return nil }
        return Rejection(
            reason: .validationFailed,
            detail: "draft \(draft.id) cannot be published: applied to the head of set '\(address.set)' it would "
                + "violate the set's schema or the secret guard, or delete keys that are no longer there",
            violations: violations)
    }
}
