/// The JSON bodies of the history reads (`shared/spec/API.md`, "History").
///
/// An absent value is an absent member and a stored JSON `null` is `null`, as in the records,
/// so a client tells "the key was not there" from "the key held null".
enum HistoryBodies {
    /// `{"versions": [{"version", "etag", "author", "message", "createdAt", "changes"}], "next"?}`;
    /// `message` is `null` for a direct item write.
    static func page(_ page: VersionPage) -> JSONValue {
        var body: [String: JSONValue] = ["versions": .array(page.versions.map(version))]
        if let next = page.next { body["next"] = .integer(Int64(clamping: next)) }
        return .object(body)
    }

    /// `{"version", "etag", "layers": {"tenant": {…}, "env:prod": {…}}}`.
    static func layers(_ layers: SetLayers, of record: VersionRecord) -> JSONValue {
        var scopes: [String: JSONValue] = [:]
        for (scope, items) in layers.scopes { scopes[scope.description] = .object(items) }
        return [
            "version": .integer(Int64(clamping: record.version)), "etag": .string(record.etag),
            "layers": .object(scopes),
        ]
    }

    /// `{"added", "changed", "removed"}`, each a list of `{"scope", "key", "from"?, "to"?}`.
    static func diff(_ diff: LayerDiff) -> JSONValue {
        ["added": items(diff.added), "changed": items(diff.changed), "removed": items(diff.removed)]
    }

    private static func version(_ record: VersionRecord) -> JSONValue {
        [
            "version": .integer(Int64(clamping: record.version)),
            "etag": .string(record.etag),
            "author": .string(record.author),
            "message": record.message.map(JSONValue.string) ?? .null,
            "createdAt": .string(RecordTime.text(milliseconds: record.createdAt)),
            "changes": .array(record.changes.map(change)),
        ]
    }

    private static func change(_ change: Change) -> JSONValue {
        var members: [String: JSONValue] = [
            "op": .string(change.op.rawValue), "scope": .string(change.scope.description), "key": .string(change.key),
        ]
        if let value = change.value { members["value"] = value }
        if let previous = change.previous { members["previous"] = previous }
        return .object(members)
    }

    private static func items(_ items: [LayerDiff.Item]) -> JSONValue {
        .array(
            items.map { item in
                var members: [String: JSONValue] = ["scope": .string(item.scope.description), "key": .string(item.key)]
                if let from = item.from { members["from"] = from }
                if let to = item.to { members["to"] = to }
                return .object(members)
            })
    }
}
