import Admin

/// A tenant's set, as the schema and policy commands address it.
struct SetAddress: Hashable, Sendable {
    var tenant: String
    var set: String

    /// The namespace the set lives in.
    var namespace: Namespace { .tenant(tenant) }

    /// Everything wrong with the names; empty when they are valid. Checked by the HTTP layer
    /// (400) and again by `apply`, which never trusts a log entry more than a request.
    var violations: [Violation] {
        Self.violations(ofNames: [("tenant", tenant), ("set", set)])
    }

    /// An `invalid-name` violation for each (path, name) that is not a valid name.
    static func violations(ofNames names: [(path: String, name: String)]) -> [Violation] {
        names.compactMap { path, name in
            Names.isValidName(name)
                ? nil
                : Violation(code: "invalid-name", path: path, message: "\(path) names match ^[a-z0-9][a-z0-9-]{0,62}$")
        }
    }
}

/// `PUT /v1/tenants/{t}/sets/{set}/schema` (or `/v1/platform/sets/{set}/schema`): gives the set
/// a JSON Schema, replacing any it had.
///
/// Applied only if the document compiles (`ConfigSchema`) and the set's current values satisfy
/// it, both checked again at apply time.
struct SchemaPut: Equatable, Sendable {
    var address: SchemaAddress
    var document: JSONValue
}

/// `DELETE /v1/tenants/{t}/sets/{set}/schema` (or `/v1/platform/sets/{set}/schema`): removes the
/// set's schema, so its values are checked by the secret guard alone. Refused with `notFound`
/// when the set has none, so that a mistyped set name is not answered with a success.
struct SchemaDelete: Equatable, Sendable {
    var address: SchemaAddress
}

/// `PUT /v1/tenants/{t}/sets/{set}/policy`: sets the set's review policy.
struct PolicyPut: Equatable, Sendable {
    var address: SetAddress
    var policy: SetPolicy
}
