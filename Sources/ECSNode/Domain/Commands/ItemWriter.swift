import KVStore

/// Applies the item commands (`PUT` / `DELETE …/items/{key}`): checks the address, the value's
/// size, the tenant, the set's policy and `If-Match`, then the set as the change would leave it
/// (`Guardrails`),
/// and publishes a one-change version through `VersionPublisher`.
struct ItemWriter {
    let publisher: VersionPublisher
    let schemaCache: SchemaCache

    init(tables: ConfigTables, transaction: WriteTransaction, index: UInt64, command: Command, schemaCache: SchemaCache)
    {
        publisher = VersionPublisher(
            tables: tables, transaction: transaction, index: index, author: command.actor, at: command.issuedAt)
        self.schemaCache = schemaCache
    }

    func put(_ put: ItemPut) throws -> CommandOutcome {
        let address = put.address
        return try write(
            .init(scope: address.scope, key: address.key, value: put.value), at: address,
            expectedETag: put.expectedETag)
    }

    func delete(_ delete: ItemDelete) throws -> CommandOutcome {
        let address = delete.address
        return try write(
            .init(scope: address.scope, key: address.key, value: nil), at: address, expectedETag: delete.expectedETag)
    }

    /// Publishes `mutation` of the item at `address` unless a check refuses it. The checks run
    /// from the cheapest and most basic to the costliest: the whole-set validation comes last.
    private func write(
        _ mutation: VersionPublisher.Mutation, at address: ItemAddress, expectedETag: String?
    ) throws -> CommandOutcome {
        let violations = address.violations
        guard violations.isEmpty else {
            return .rejected(
                Rejection(reason: .invalidCommand, detail: "the item address is invalid", violations: violations))
        }
        if let value = mutation.value, let refusal = ValueSizeCap.refusal(for: value) { return .rejected(refusal) }
        var edition: String?
        if case .tenant(let tenant) = address.namespace {
            guard let record = try TenantDirectory(tables: publisher.tables).tenant(tenant, in: publisher.transaction)
            else {
                return .rejected(Rejection(reason: .unknownTenant, detail: Rejection.unknownTenantDetail(tenant)))
            }
            edition = record.edition
        }
        if let refusal = try policyRefusal(for: address) ?? etagRefusal(for: address, expectedETag: expectedETag) {
            return .rejected(refusal)
        }
        if mutation.value == nil, try publisher.value(at: address) == nil {
            return .rejected(
                Rejection(
                    reason: .notFound,
                    detail: "no item '\(address.key)' at scope \(address.scope) in set '\(address.set)'"))
        }
        let guardrails = Guardrails(
            tables: publisher.tables, transaction: publisher.transaction, schemaCache: schemaCache)
        if let refusal = try guardrails.refusal(of: [mutation], to: address.namespace, address.set, edition: edition) {
            return .rejected(refusal)
        }
        return .written(try publisher.publish([mutation], to: address.namespace, address.set))
    }

    /// The refusal of a direct write to a set whose policy requires approval.
    private func policyRefusal(for address: ItemAddress) throws -> Rejection? {
        let rules = SetRules(tables: publisher.tables, transaction: publisher.transaction)
        guard try rules.policy(of: address.namespace, address.set)?.requireApproval == true else { return nil }
        return Rejection(
            reason: .approvalRequired,
            detail: "set '\(address.set)' requires approval: changes go through drafts "
                + "(POST …/sets/\(address.set)/drafts), which are approved and then published")
    }

    /// The refusal of a write whose `If-Match` names an etag that is not the set's head.
    private func etagRefusal(for address: ItemAddress, expectedETag: String?) throws -> Rejection? {
        guard let expectedETag else { return nil }
        let head = try publisher.head(of: address.namespace, address.set)
        switch (expectedETag, head) {
        case ("*", .some): return nil
        case (let expected, let head?) where head.etag == expected: return nil
        case (_, let head?):
            return Rejection(
                reason: .preconditionFailed,
                detail: "set '\(address.set)' is at version \(head.headVersion) with etag \"\(head.etag)\"")
        case (_, nil):
            return Rejection(reason: .preconditionFailed, detail: "set '\(address.set)' has no version yet")
        }
    }
}
