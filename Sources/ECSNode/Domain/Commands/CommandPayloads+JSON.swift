/// The JSON forms of the commands' payloads (the `payload` member of `Command`'s wire form).
extension ItemPut: JSONRecord {
    var json: JSONValue {
        .object(omittingAbsent: [
            "address": address.json, "value": value, "expectedETag": expectedETag.map(JSONValue.string),
        ])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        address = try fields.record("address")
        value = try fields.value("value")
        expectedETag = try fields.optionalString("expectedETag")
    }
}

extension ItemDelete: JSONRecord {
    var json: JSONValue {
        .object(omittingAbsent: ["address": address.json, "expectedETag": expectedETag.map(JSONValue.string)])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        address = try fields.record("address")
        expectedETag = try fields.optionalString("expectedETag")
    }
}

extension ItemAddress: JSONRecord {
    var json: JSONValue {
        .object([
            "namespace": .string(namespace.description), "set": .string(set), "scope": .string(scope.description),
            "key": .string(key),
        ])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        namespace = try fields.namespace("namespace")
        set = try fields.string("set")
        scope = try fields.scope("scope")
        key = try fields.string("key")
    }
}

extension TenantPut: JSONRecord {
    var json: JSONValue {
        .object([
            "tenant": .string(tenant), "edition": .string(edition), "homeRegion": .string(homeRegion),
            "residency": .string(residency.rawValue),
        ])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        tenant = try fields.string("tenant")
        edition = try fields.string("edition")
        homeRegion = try fields.string("homeRegion")
        residency = try fields.residency("residency")
    }
}

extension SetAddress: JSONRecord {
    var json: JSONValue { .object(["tenant": .string(tenant), "set": .string(set)]) }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        tenant = try fields.string("tenant")
        set = try fields.string("set")
    }
}

extension SchemaPut: JSONRecord {
    var json: JSONValue { .object(["address": address.json, "schema": document]) }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        address = try fields.record("address")
        document = try fields.value("schema")
    }
}

extension SchemaDelete: JSONRecord {
    var json: JSONValue { .object(["address": address.json]) }

    init(json: JSONValue) throws(RecordShapeError) {
        address = try JSONFields(json).record("address")
    }
}

extension PolicyPut: JSONRecord {
    var json: JSONValue { .object(["address": address.json, "policy": policy.json]) }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        address = try fields.record("address")
        policy = try fields.record("policy")
    }
}
