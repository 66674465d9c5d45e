import KVStore

/// Reads what `SetValidator` checks: one set's layers as a change would leave them, and which of
/// the schema's required keys the platform layers supply.
///
/// This runs on every write, on every node, so it reads as little as it can: the set's own layers
/// in one prefix scan of `layers` (every scope of a set shares its set id), and for the platform
/// layers only a point read per required key that the set itself lacks.
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
        var layers = try headLayers(of: namespace, set)
        for mutation in mutations {
            layers[mutation.scope, default: [:]][mutation.key] = mutation.value
        }
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

    /// Every layer of (namespace, set) at head, by scope.
    private func headLayers(of namespace: Namespace, _ set: String) throws -> [Scope: [String: JSONValue]] {
        let setID = TableKeys.setID(namespace, set)
        var layers: [Scope: [String: JSONValue]] = [:]
        try transaction.forEach(in: tables.layers, range: .prefix(setID)) { entry in
            guard let (scope, key) = TableKeys.scopeAndKey(ofLayer: entry.key, inSet: setID) else {
                throw StoreError(
                    kind: .corrupted, operation: "read the layers of set '\(set)'",
                    message: "a key of table '\(ConfigTables.layersName)' is not set id, scope, NUL, key")
            }
            layers[scope, default: [:]][key] = try LayerValue.decode(entry.value)
            return .continue
        }
        return layers
    }
}
