import KVStore

/// The distinct keys of a set's head layers, across all its scopes: what the keys-per-set quota
/// of an edition counts (`EditionLimits.maxKeysPerSet`).
///
/// Read by the leader before it proposes a put, not kept as a counter in the set's record: a
/// counter would have to know, on every delete, whether another scope still holds the key, which
/// costs the same scan inside the replicated apply instead of once on one node.
struct SetKeyCensus {
    let tables: ConfigTables
    let transaction: ReadTransaction

    /// How many distinct keys the set of `address` holds, or `nil` when `address.key` is one
    /// of them at any scope (writing it adds no key). Stops at the first sight of the key.
    func keysBeforeAdding(_ address: ItemAddress) throws -> Int? {
        let setID = TableKeys.setID(address.namespace, address.set)
        let layer = TableKeys.layer(address.key, at: address.scope, inSet: setID)
        if try transaction.get(layer, in: tables.layers) != nil { return nil }
        let wanted = Array(address.key.utf8)
        var keys: Set<ArraySlice<UInt8>> = []
        var found = false
        try transaction.forEach(in: tables.layers, range: .prefix(setID)) { entry in
            // A layer key is set id ++ scope \0 key (names never contain \0); a damaged one
            // without it is passed over: this is admission control, not a check of the store.
            let rest = entry.key.dropFirst(setID.count)
            guard let separator = rest.firstIndex(of: 0) else { return .continue }
            let key = entry.key[(separator + 1)...]
            found = key.elementsEqual(wanted)
            keys.insert(key)
            return found ? .stop : .continue
        }
        return found ? nil : keys.count
    }

    /// How many distinct keys a set holds before and after a change.
    struct Counts: Equatable {
        var before: Int
        var after: Int
    }

    /// The distinct keys of (namespace, set) at head, and after `mutations` (a draft's changes).
    /// Reads the whole set: publishing a draft is rarer than an item write, and its changes may
    /// add and remove keys at several scopes at once.
    func counts(of namespace: Namespace, _ set: String, after mutations: [VersionPublisher.Mutation]) throws -> Counts {
        var layers = try SetLayers.head(
            ofSet: TableKeys.setID(namespace, set), tables: tables, transaction: transaction)
        let before = layers.distinctKeys.count
        for mutation in mutations { layers.store(mutation.value, at: mutation.scope, key: mutation.key) }
        return Counts(before: before, after: layers.distinctKeys.count)
    }
}
