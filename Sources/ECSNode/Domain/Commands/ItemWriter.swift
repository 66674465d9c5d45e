import KVStore

/// Applies the item commands (`PUT` / `DELETE …/items/{key}`): checks the address, `If-Match`
/// and the value's size, then publishes a one-change version through `VersionPublisher`.
struct ItemWriter {
    let publisher: VersionPublisher

    init(tables: ConfigTables, transaction: WriteTransaction, index: UInt64, command: Command) {
        publisher = VersionPublisher(
            tables: tables, transaction: transaction, index: index, author: command.actor, at: command.issuedAt)
    }

    func put(_ put: ItemPut) throws -> CommandOutcome {
        if let refusal = try refusal(for: put.address, expectedETag: put.expectedETag) { return .rejected(refusal) }
        if let refusal = ValueSizeCap.refusal(for: put.value) { return .rejected(refusal) }
        let address = put.address
        let receipt = try publisher.publish(
            [.init(scope: address.scope, key: address.key, value: put.value)], to: address.namespace, address.set)
        return .written(receipt)
    }

    func delete(_ delete: ItemDelete) throws -> CommandOutcome {
        if let refusal = try refusal(for: delete.address, expectedETag: delete.expectedETag) {
            return .rejected(refusal)
        }
        let address = delete.address
        guard try publisher.value(at: address) != nil else {
            return .rejected(
                Rejection(
                    reason: .notFound,
                    detail: "no item '\(address.key)' at scope \(address.scope) in set '\(address.set)'"))
        }
        let receipt = try publisher.publish(
            [.init(scope: address.scope, key: address.key, value: nil)], to: address.namespace, address.set)
        return .written(receipt)
    }

    /// Why the write must not happen, or `nil` when it may.
    private func refusal(for address: ItemAddress, expectedETag: String?) throws -> Rejection? {
        let violations = address.violations
        guard violations.isEmpty else {
            return Rejection(reason: .invalidCommand, detail: "the item address is invalid", violations: violations)
        }
        if case .tenant(let tenant) = address.namespace,
            try !TenantDirectory(tables: publisher.tables).exists(tenant, in: publisher.transaction)
        {
            return Rejection(reason: .unknownTenant, detail: Rejection.unknownTenantDetail(tenant))
        }
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
