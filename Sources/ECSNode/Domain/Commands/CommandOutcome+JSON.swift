/// The JSON forms of the parts of a `CommandOutcome`.
extension WriteReceipt: JSONRecord {
    var json: JSONValue {
        .object([
            "namespace": .string(namespace.description), "set": .string(set), "version": .count(version),
            "etag": .string(etag), "index": .count(index), "created": .bool(created),
        ])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        namespace = try fields.namespace("namespace")
        set = try fields.string("set")
        version = try fields.count("version")
        etag = try fields.string("etag")
        index = try fields.count("index")
        created = try fields.bool("created")
    }
}

extension SchemaReceipt: JSONRecord {
    var json: JSONValue { .object(["address": address.json, "record": record.json]) }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        address = try fields.record("address")
        record = try fields.record("record")
    }
}

extension PolicyReceipt: JSONRecord {
    var json: JSONValue { .object(["address": address.json, "policy": policy.json, "index": .count(index)]) }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        address = try fields.record("address")
        policy = try fields.record("policy")
        index = try fields.count("index")
    }
}

extension Rejection: JSONRecord {
    var json: JSONValue {
        .object([
            "reason": .string(reason.rawValue), "detail": .string(detail), "violations": .array(violations.map(\.json)),
        ])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        reason = try fields.parsed("reason", as: "a rejection reason", Reason.init(rawValue:))
        detail = try fields.string("detail")
        violations = try fields.records("violations")
    }
}

extension Violation: JSONRecord {
    var json: JSONValue {
        .object(["code": .string(code), "path": .string(path), "message": .string(message)])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        code = try fields.string("code")
        path = try fields.string("path")
        message = try fields.string("message")
    }
}
