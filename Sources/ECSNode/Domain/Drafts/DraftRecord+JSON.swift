/// The stored JSON forms of a draft and its parts (`drafts` table, draft commands, outcomes).
extension DraftRecord: JSONRecord {
    var json: JSONValue {
        .object(omittingAbsent: [
            "id": .string(id.description), "author": .string(author), "message": .string(message),
            "createdAt": .integer(createdAt), "baseVersion": .count(baseVersion),
            "changes": .array(changes.map(\.json)), "approvals": .array(approvals.map(\.json)),
            "publication": publication?.json,
        ])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        id = try fields.parsed("id", as: "a draft id", { DraftID(parsing: $0) })
        author = try fields.string("author")
        message = try fields.string("message")
        createdAt = try fields.int64("createdAt")
        baseVersion = try fields.count("baseVersion")
        changes = try fields.records("changes")
        approvals = try fields.records("approvals")
        publication = try fields.optionalRecord("publication")
    }
}

extension DraftChange: JSONRecord {
    /// `{"op": "set", "scope", "key", "value"}` or `{"op": "delete", "scope", "key"}`: the form
    /// of the API's request body too.
    var json: JSONValue {
        .object(omittingAbsent: [
            "op": .string(op.rawValue), "scope": .string(scope.description), "key": .string(key), "value": value,
        ])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        let op = try fields.parsed("op", as: "set or delete", Change.Operation.init(rawValue:))
        scope = try fields.scope("scope")
        key = try fields.string("key")
        value = fields.valueIfPresent("value")
        switch (op, value) {
        case (.set, nil): throw RecordShapeError("a set change needs a value (null hides an inherited one)")
        case (.delete, _?): throw RecordShapeError("a delete change takes no value")
        case (.set, _?), (.delete, nil): break
        }
    }
}

extension DraftApproval: JSONRecord {
    var json: JSONValue { ["by": .string(by), "at": .integer(at), "index": .count(index)] }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        by = try fields.string("by")
        at = try fields.int64("at")
        index = try fields.count("index")
    }
}

extension DraftPublication: JSONRecord {
    var json: JSONValue {
        ["version": .count(version), "by": .string(by), "at": .integer(at), "index": .count(index)]
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        version = try fields.count("version")
        by = try fields.string("by")
        at = try fields.int64("at")
        index = try fields.count("index")
    }
}
