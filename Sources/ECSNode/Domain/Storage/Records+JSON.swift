/// The stored JSON forms of the records in `Records.swift`; member names are the ones the
/// records have always been written with.
extension SetRecord: JSONRecord {
    var json: JSONValue {
        .object([
            "namespace": .string(namespace.description), "name": .string(name),
            "headVersion": .count(headVersion), "etag": .string(etag), "createdAt": .integer(createdAt),
            "updatedAt": .integer(updatedAt),
        ])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        namespace = try fields.namespace("namespace")
        name = try fields.string("name")
        headVersion = try fields.count("headVersion")
        etag = try fields.string("etag")
        createdAt = try fields.int64("createdAt")
        updatedAt = try fields.int64("updatedAt")
    }
}

extension SetPolicy: JSONRecord {
    var json: JSONValue { .object(["requireApproval": .bool(requireApproval)]) }

    init(json: JSONValue) throws(RecordShapeError) {
        requireApproval = try JSONFields(json).bool("requireApproval")
    }
}

extension SchemaRecord: JSONRecord {
    var json: JSONValue { .object(["document": document, "index": .count(index)]) }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        document = try fields.value("document")
        index = try fields.count("index")
    }
}

extension VersionRecord: JSONRecord {
    var json: JSONValue {
        .object(omittingAbsent: [
            "version": .count(version), "etag": .string(etag), "author": .string(author),
            "message": message.map(JSONValue.string), "createdAt": .integer(createdAt), "index": .count(index),
            "changes": .array(changes.map(\.json)),
        ])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        version = try fields.count("version")
        etag = try fields.string("etag")
        author = try fields.string("author")
        message = try fields.optionalString("message")
        createdAt = try fields.int64("createdAt")
        index = try fields.count("index")
        changes = try fields.records("changes")
    }
}

extension Change: JSONRecord {
    var json: JSONValue {
        .object(omittingAbsent: [
            "op": .string(op.rawValue), "scope": .string(scope.description), "key": .string(key), "value": value,
            "previous": previous,
        ])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        op = try fields.parsed("op", as: "set or delete", Operation.init(rawValue:))
        scope = try fields.scope("scope")
        key = try fields.string("key")
        value = fields.valueIfPresent("value")
        previous = fields.valueIfPresent("previous")
    }
}

extension EventRecord: JSONRecord {
    var json: JSONValue {
        .object([
            "index": .count(index), "namespace": .string(namespace.description), "set": .string(set),
            "version": .count(version), "etag": .string(etag), "at": .integer(at),
        ])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        index = try fields.count("index")
        namespace = try fields.namespace("namespace")
        set = try fields.string("set")
        version = try fields.count("version")
        etag = try fields.string("etag")
        at = try fields.int64("at")
    }
}
