import KVStore

/// Reads what `SetValidator` checks: one set's layers as a change would leave them, and which of
/// the schema's required keys the platform layers supply.
///
/// Needed when a new schema is checked against a whole set, and when a write removes a required
/// key (`Guardrails`). It reads as little as it can: the set's own layers in one prefix scan
/// (`SetLayers.head`), and for the platform layers only a point read per required key that the
/// set itself lacks.
struct SetContentsReader {
    let tables: ConfigTables
    let transaction: ReadTransaction

    /// The layers of (namespace, set) at head with `mutations` applied in order, and the keys of
    /// `required` that no layer of the set holds but the platform layers of the same set name do
    /// (`global`, and `edition:E` for the tenant's `edition`).
    func contents(
        of namespace: Namespace, _ set: String, after mutations: [VersionPublisher.Mutation],
        required: [String], edition: String?
    ) throws -> SetContents {
        var head = try SetLayers.head(ofSet: TableKeys.setID(namespace, set), tables: tables, transaction: transaction)
        for mutation in mutations {
            head.store(mutation.value, at: mutation.scope, key: mutation.key)
        }
        let layers = head.scopes
        let missing = required.filter { key in !layers.values.contains { $0[key].map { $0 != .null } ?? false } }
        guard case .tenant = namespace, !missing.isEmpty else { return SetContents(layers: layers, inheritedKeys: []) }
        let platformScopes: [Scope] = [.global] + (edition.map { [.edition($0)] } ?? [])
        let platformSet = TableKeys.setID(.platform, set)
        let inherited = try missing.filter { key in
            try platformScopes.contains { scope in
                let value = try transaction.get(TableKeys.layer(key, at: scope, inSet: platformSet), in: tables.layers)
                return try value.map(LayerValue.decode).map { $0 != .null } ?? false
            }
        }
        return SetContents(layers: layers, inheritedKeys: Set(inherited))
    }
}
