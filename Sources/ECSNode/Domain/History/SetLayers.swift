import KVStore

/// The items of one set at each of its scopes, as of one version: what
/// `GET …/versions/{v}` shows and what a diff compares.
///
/// A stored JSON `null` is an item like any other (`.null`), distinct from an absent key,
/// because at a scope it hides an inherited value. A scope without items is left out, so two
/// equal states are always equal values.
struct SetLayers: Equatable, Sendable {
    private(set) var scopes: [Scope: [String: JSONValue]] = [:]

    /// Stores `value` as `key` at `scope`, or removes the key when `value` is `nil`.
    mutating func store(_ value: JSONValue?, at scope: Scope, key: String) {
        var items = scopes[scope] ?? [:]
        items[key] = value
        scopes[scope] = items.isEmpty ? nil : items
    }

    /// Takes `change` back: its key at its scope holds again what the change replaced.
    mutating func undo(_ change: Change) {
        store(change.previous, at: change.scope, key: change.key)
    }

    /// The value of `key` at `scope`, `nil` when absent.
    func value(at scope: Scope, key: String) -> JSONValue? {
        scopes[scope]?[key]
    }

    /// The keys held at any scope, each once: what an edition's keys-per-set quota counts.
    var distinctKeys: Set<String> {
        Set(scopes.values.flatMap(\.keys))
    }
}

extension SetLayers {
    /// The head layers of the set `setID`: every item at every scope, in one prefix scan of
    /// `layers` (every scope of a set shares its set id).
    static func head(ofSet setID: [UInt8], tables: ConfigTables, transaction: ReadTransaction) throws -> SetLayers {
        var layers = SetLayers()
        try transaction.forEach(in: tables.layers, range: .prefix(setID)) { entry in
            guard let (scope, key) = TableKeys.scopeAndKey(ofLayer: entry.key, inSet: setID) else {
                throw StoreError(
                    kind: .corrupted, operation: "read layers",
                    message: "a key of table '\(ConfigTables.layersName)' is not set id, scope, NUL, key")
            }
            layers.store(try LayerValue.decode(entry.value), at: scope, key: key)
            return .continue
        }
        return layers
    }
}
