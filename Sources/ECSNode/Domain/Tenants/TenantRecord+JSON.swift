/// The stored JSON form of a tenant (`tenants` table) and of the answer to a tenant write.
extension TenantRecord: JSONRecord {
    /// The settings a `PUT` sets, as the command carries them: the record is those members plus
    /// its times.
    private var settings: TenantPut {
        TenantPut(tenant: tenant, edition: edition, homeRegion: homeRegion, residency: residency)
    }

    var json: JSONValue {
        guard case .object(var members) = settings.json else { preconditionFailure("settings are an object") }
        members["createdAt"] = .integer(createdAt)
        members["updatedAt"] = .integer(updatedAt)
        return .object(members)
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let settings = try TenantPut(json: json)
        let fields = try JSONFields(json)
        self.init(
            tenant: settings.tenant, edition: settings.edition, homeRegion: settings.homeRegion,
            residency: settings.residency, createdAt: try fields.int64("createdAt"),
            updatedAt: try fields.int64("updatedAt"))
    }
}

extension TenantReceipt: JSONRecord {
    var json: JSONValue {
        .object(["record": record.json, "index": .count(index), "created": .bool(created)])
    }

    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        record = try fields.record("record")
        index = try fields.count("index")
        created = try fields.bool("created")
    }
}

extension JSONFields {
    /// A residency by its name (`strict`, `replicated`).
    func residency(_ name: String) throws(RecordShapeError) -> Residency {
        try parsed(name, as: "strict or replicated", Residency.init(rawValue:))
    }
}
