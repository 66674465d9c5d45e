import KVStore

/// The one path by which a command changes a set: applies changes to the head layers and records
/// them as the set's next immutable version, its new head, and the event the watch streams.
///
/// Item writes use it now; draft publish and rollback (issue 5) publish their whole change list
/// through it, so every version in the store is made the same way. It runs inside `apply`'s
/// write transaction and, like `apply`, reads no clock: times come from the command.
struct VersionPublisher {
    let tables: ConfigTables
    let transaction: WriteTransaction
    /// The log index of the entry being applied.
    let index: UInt64
    /// The command's actor and proposer time, recorded in the version.
    let author: String
    let at: Int64

    /// One item change to publish: `value` `nil` deletes the item at `scope`.
    struct Mutation {
        var scope: Scope
        var key: String
        var value: JSONValue?
    }

    /// The head of (namespace, set), or `nil` when the set has no version yet.
    func head(of namespace: Namespace, _ set: String) throws -> SetRecord? {
        try SetHeads(tables: tables).head(of: namespace, set, in: transaction)
    }

    /// The value stored at `address` in the head layers, `nil` when absent (`.null` is a stored
    /// JSON `null`).
    func value(at address: ItemAddress) throws -> JSONValue? {
        let setID = TableKeys.setID(address.namespace, address.set)
        return try storedValue(TableKeys.layer(address.key, at: address.scope, inSet: setID))
    }

    /// Applies `mutations` in order and publishes them as the next version of the set.
    func publish(
        _ mutations: [Mutation], to namespace: Namespace, _ set: String, message: String? = nil
    ) throws
        -> WriteReceipt
    {
        let head = try head(of: namespace, set)
        let setID = TableKeys.setID(namespace, set)
        var changes: [Change] = []
        for mutation in mutations {
            let layerKey = TableKeys.layer(mutation.key, at: mutation.scope, inSet: setID)
            let previous = try storedValue(layerKey)
            if let value = mutation.value {
                try transaction.put(value.canonicalBytes, forKey: layerKey, in: tables.layers)
            } else {
                try transaction.delete(layerKey, in: tables.layers)
            }
            changes.append(
                Change(
                    op: mutation.value == nil ? .delete : .set, scope: mutation.scope, key: mutation.key,
                    value: mutation.value, previous: previous))
        }
        let version = (head?.headVersion ?? 0) + 1
        let etag = SetETag.next(after: head?.etag, namespace: namespace, set: set, version: version, changes: changes)
        let record = VersionRecord(
            version: version, etag: etag, author: author, message: message, createdAt: at, index: index,
            changes: changes)
        try transaction.put(
            RecordCoding.encode(record), forKey: TableKeys.version(version, ofSet: setID), in: tables.versions)
        var newHead =
            head
            ?? SetRecord(namespace: namespace, name: set, headVersion: 0, etag: "", createdAt: at, updatedAt: at)
        newHead.headVersion = version
        newHead.etag = etag
        newHead.updatedAt = at
        try SetHeads(tables: tables).store(newHead, in: transaction)
        let event = EventRecord(index: index, namespace: namespace, set: set, version: version, etag: etag, at: at)
        try EventLog(tables.events).append(event, in: transaction)
        return WriteReceipt(
            namespace: namespace, set: set, version: version, etag: etag, index: index, created: head == nil)
    }

    private func storedValue(_ layerKey: [UInt8]) throws -> JSONValue? {
        guard let bytes = try transaction.get(layerKey, in: tables.layers) else { return nil }
        return try LayerValue.decode(bytes)
    }
}

/// Layer values are stored as their canonical JSON bytes.
enum LayerValue {
    /// Reads a stored value; bytes that are not JSON mean a damaged store (a storage error).
    static func decode(_ bytes: [UInt8]) throws -> JSONValue {
        do {
            return try JSONValue.parse(bytes)
        } catch {
            throw StoreError(
                kind: .corrupted, operation: "decode layer value",
                message: "a value of table '\(ConfigTables.layersName)' is not JSON: \(error.reason)")
        }
    }
}
