/// The set a schema belongs to: a tenant's set, or a platform set. A platform set's schema checks
/// the platform layers (`global`, `edition:*`) of that set name and nothing of any tenant's: a
/// tenant's set of the same name has its own schema, so a platform admin never constrains what a
/// tenant may store by accident.
///
/// Wire form `{"tenant", "set"}`, `tenant` being the namespace's text form (`*` for the platform):
/// the form schema commands had when only tenants' sets had schemas, so their log entries read
/// the same.
struct SchemaAddress: Hashable, Sendable {
    var namespace: Namespace
    var set: String

    init(namespace: Namespace, set: String) {
        self.namespace = namespace
        self.set = set
    }

    /// The schema address of a tenant's set.
    init(_ address: SetAddress) {
        self.init(namespace: address.namespace, set: address.set)
    }

    /// Everything wrong with the names; empty when they are valid. Checked by the HTTP layer
    /// (400) and again by `apply`, which never trusts a log entry more than a request.
    var violations: [Violation] {
        switch namespace {
        case .tenant(let tenant): SetAddress(tenant: tenant, set: set).violations
        case .platform: SetAddress.violations(ofNames: [("set", set)])
        }
    }
}

extension SchemaAddress: CustomStringConvertible {
    /// How problems name the set: "set 'payments' of tenant 'acme'", "platform set 'payments'".
    var description: String {
        switch namespace {
        case .tenant(let tenant): "set '\(set)' of tenant '\(tenant)'"
        case .platform: "platform set '\(set)'"
        }
    }
}

extension SchemaAddress: JSONRecord {
    var json: JSONValue { .object(["tenant": .string(namespace.description), "set": .string(set)]) }

    /// Reads `tenant` without checking the name, as `SetAddress` does: a bad name is refused
    /// when the command is applied (and audited), not lost as an entry that does not decode.
    init(json: JSONValue) throws(RecordShapeError) {
        let fields = try JSONFields(json)
        let owner = try fields.string("tenant")
        namespace = owner == Namespace.platformMarker ? .platform : .tenant(owner)
        set = try fields.string("set")
    }
}
