import KVStore

/// Computes the effective configuration from the head layers:
/// `global < edition < tenant < env < app`, the most specific scope wins, and a JSON `null` at a
/// more specific scope hides the inherited value (the key is left out).
///
/// Runs inside one read transaction, so the result is one consistent state.
struct ConfigResolver {
    let tables: ConfigTables
    let transaction: ReadTransaction

    func resolve(_ query: ConfigQuery) throws -> ResolvedConfig {
        let tenant = Namespace.tenant(query.tenant)
        let names = try query.sets ?? tenantSetNames(tenant)
        var resolved: [String: ResolvedConfig.ResolvedSet] = [:]
        for name in names {
            resolved[name] = try resolveSet(name, for: query)
        }
        return ResolvedConfig(sets: resolved)
    }

    /// The layers of one set in ascending precedence, each as (namespace, scope).
    static func layers(for query: ConfigQuery) -> [(Namespace, Scope)] {
        let tenant = Namespace.tenant(query.tenant)
        var layers: [(Namespace, Scope)] = [(.platform, .global)]
        if let edition = query.edition { layers.append((.platform, .edition(edition))) }
        layers.append((tenant, .tenant))
        layers.append((tenant, .env(query.env)))
        if let app = query.app { layers.append((tenant, .app(env: query.env, app: app))) }
        return layers
    }

    private func resolveSet(_ name: String, for query: ConfigQuery) throws -> ResolvedConfig.ResolvedSet {
        var items: [String: JSONValue] = [:]
        for (namespace, scope) in Self.layers(for: query) {
            let prefix = TableKeys.layerPrefix(at: scope, inSet: TableKeys.setID(namespace, name))
            try collect(prefix, filter: query.keys, into: &items)
        }
        items = items.filter { $0.value != .null }
        let tenantHead = try head(of: .tenant(query.tenant), name)
        let platformHead = try head(of: .platform, name)
        return .init(version: tenantHead?.headVersion ?? 0, items: items, platformETag: platformHead?.etag)
    }

    /// Overlays the filtered items of one layer onto `items`.
    private func collect(_ prefix: [UInt8], filter: KeyFilter, into items: inout [String: JSONValue]) throws {
        for pattern in filter.patterns {
            switch pattern {
            case .exact(let key):
                if let bytes = try transaction.get(prefix + Array(key.utf8), in: tables.layers) {
                    items[key] = try LayerValue.decode(bytes)
                }
            case .prefix(let keyPrefix):
                try transaction.forEach(in: tables.layers, range: .prefix(prefix + Array(keyPrefix.utf8))) { entry in
                    items[TableKeys.suffix(of: entry.key, after: prefix)] = try LayerValue.decode(entry.value)
                    return .continue
                }
            }
        }
    }

    private func tenantSetNames(_ tenant: Namespace) throws -> [String] {
        let prefix = TableKeys.setsPrefix(of: tenant)
        return try transaction.entries(in: tables.sets, range: .prefix(prefix)).map {
            TableKeys.suffix(of: $0.key, after: prefix)
        }
    }

    private func head(of namespace: Namespace, _ set: String) throws -> SetRecord? {
        try SetHeads(tables: tables).head(of: namespace, set, in: transaction)
    }
}
