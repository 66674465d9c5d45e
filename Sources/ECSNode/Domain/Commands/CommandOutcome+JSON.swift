/// The JSON forms of a `CommandOutcome` and its parts.
extension CommandOutcome: JSONRecord {
    /// An object with exactly one member, named after the case.
    var json: JSONValue {
        switch self {
        case .written(let receipt): ["written": receipt.json]
        case .tenant(let receipt): ["tenant": receipt.json]
        case .schema(let receipt): ["schema": receipt.json]
        case .schemaDeleted(let deletion): ["schemaDeleted": deletion.json]
        case .policy(let receipt): ["policy": receipt.json]
        case .draft(let receipt): ["draft": receipt.json]
        case .accessRecorded(let receipt): ["accessRecorded": receipt.json]
        case .federated(let receipt): ["federated": receipt.json]
        case .rejected(let rejection): ["rejected": rejection.json]
        case .replayed(let original): ["replayed": original.json]
        }
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        guard case .object(let members) = json, members.count == 1, let name = members.keys.first else {
            throw RecordShapeError("an outcome is an object with exactly one member naming its kind")
        }
        switch name {
        case "written": self = .written(try fields.record(name))
        case "tenant": self = .tenant(try fields.record(name))
        case "schema": self = .schema(try fields.record(name))
        case "schemaDeleted": self = .schemaDeleted(try fields.record(name))
        case "policy": self = .policy(try fields.record(name))
        case "draft": self = .draft(try fields.record(name))
        case "accessRecorded": self = .accessRecorded(try fields.record(name))
        case "federated": self = .federated(try fields.record(name))
        case "rejected": self = .rejected(try fields.record(name))
        case "replayed": self = .replayed(try fields.record(name))
        default: throw RecordShapeError("'\(name)' is not a kind of outcome")
        }
    }
}

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

extension SchemaDeletion: JSONRecord {
    var json: JSONValue { .object(["address": address.json, "index": .count(index)]) }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        address = try fields.record("address")
        index = try fields.count("index")
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

extension DraftReceipt: JSONRecord {
    var json: JSONValue { .object(["address": address.json, "draft": draft.json]) }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        address = try fields.record("address")
        draft = try fields.record("draft")
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

extension AccessReceipt: JSONRecord {
    var json: JSONValue { .object(["records": .count(records)]) }

    init(json: JSONValue) throws(RecordShapeError) {
        records = try JSONFields(json).count("records")
    }
}
