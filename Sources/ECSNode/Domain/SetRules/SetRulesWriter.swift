import KVStore

/// Applies the schema and policy commands: checks the names and the tenant, then stores the
/// set's schema (once it compiles and the set's current values satisfy it), removes it, or
/// stores the set's policy. A schema may belong to a platform set (no tenant to check).
///
/// None publishes a version: a schema or a policy is about the set, not one of its values,
/// and either may be given before the set's first write.
struct SetRulesWriter {
    let tables: ConfigTables
    let transaction: WriteTransaction
    /// The log index of the entry being applied.
    let index: UInt64
    let schemaCache: SchemaCache

    func apply(_ put: SchemaPut) throws -> CommandOutcome {
        let address = put.address
        let edition: String?
        switch try owner(of: address) {
        case .refused(let rejection): return .rejected(rejection)
        case .found(let ownerEdition): edition = ownerEdition
        }
        let schema: ConfigSchema
        do throws(SchemaDocumentError) {
            schema = try ConfigSchema(document: put.document)
        } catch {
            return .rejected(.invalidSchema(error))
        }
        let guardrails = Guardrails(tables: tables, transaction: transaction, schemaCache: schemaCache)
        if let refusal = try guardrails.refusal(
            of: [], to: address.namespace, address.set, against: schema, edition: edition,
            detail: "the current values of set '\(address.set)' violate this schema; nothing was stored")
        {
            return .rejected(refusal)
        }
        let record = SchemaRecord(document: put.document, index: index)
        let bytes = RecordCoding.encode(record)
        try transaction.put(bytes, forKey: TableKeys.set(address.namespace, address.set), in: tables.schemas)
        schemaCache.remember(schema, storedAs: bytes)
        return .schema(SchemaReceipt(address: address, record: record))
    }

    func apply(_ delete: SchemaDelete) throws -> CommandOutcome {
        let address = delete.address
        if case .refused(let rejection) = try owner(of: address) { return .rejected(rejection) }
        guard try transaction.delete(TableKeys.set(address.namespace, address.set), in: tables.schemas) else {
            return .rejected(Rejection(reason: .notFound, detail: "\(address) has no schema"))
        }
        return .schemaDeleted(SchemaDeletion(address: address, index: index))
    }

    func apply(_ put: PolicyPut) throws -> CommandOutcome {
        let address = put.address
        if case .refused(let rejection) = try tenant(of: address) { return .rejected(rejection) }
        try transaction.put(
            RecordCoding.encode(put.policy), forKey: TableKeys.set(address.namespace, address.set),
            in: tables.policies)
        return .policy(PolicyReceipt(address: address, policy: put.policy, index: index))
    }

    private func tenant(of address: SetAddress) throws -> SetAddress.TenantLookup {
        try address.lookUpTenant(tables: tables, transaction: transaction)
    }

    /// Whose schema a command addresses, or why it is refused.
    private enum SchemaOwner {
        /// The edition whose platform layer may supply the set's `required` keys: the tenant's,
        /// or `nil` for a platform set (whose own layers are all there is to check).
        case found(edition: String?)
        /// Invalid names, or a tenant that does not exist.
        case refused(Rejection)
    }

    private func owner(of address: SchemaAddress) throws -> SchemaOwner {
        switch address.namespace {
        case .tenant(let tenant):
            switch try self.tenant(of: SetAddress(tenant: tenant, set: address.set)) {
            case .refused(let rejection): return .refused(rejection)
            case .found(let record): return .found(edition: record.edition)
            }
        case .platform:
            let violations = address.violations
            guard violations.isEmpty else {
                return .refused(
                    Rejection(reason: .invalidCommand, detail: "the set address is invalid", violations: violations))
            }
            return .found(edition: nil)
        }
    }
}
