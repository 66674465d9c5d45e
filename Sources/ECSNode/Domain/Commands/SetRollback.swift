/// `POST /v1/tenants/{t}/sets/{set}/rollback` `{"toVersion"}`: publishes a new version whose
/// layers equal those of `toVersion`. History is never rewritten: the rollback is a version like
/// any other, with the changes that take the head back to `toVersion`.
struct SetRollback: Equatable, Sendable {
    var address: SetAddress
    var toVersion: UInt64
}

extension SetRollback: JSONRecord {
    var json: JSONValue { .object(["address": address.json, "toVersion": .count(toVersion)]) }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        address = try fields.record("address")
        toVersion = try fields.count("toVersion")
    }
}
