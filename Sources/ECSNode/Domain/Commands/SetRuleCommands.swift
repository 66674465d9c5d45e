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
        [("tenant", tenant), ("set", set)].compactMap { path, name in
            Names.isValidName(name)
                ? nil
                : Violation(code: "invalid-name", path: path, message: "\(path) names match ^[a-z0-9][a-z0-9-]{0,62}$")
        }
    }
}

/// `PUT /v1/tenants/{t}/sets/{set}/schema`: gives the set a JSON Schema, replacing any it had.
///
/// Applied only if the document compiles (`ConfigSchema`) and the set's current values satisfy
/// it, both checked again at apply time.
struct SchemaPut: Equatable, Sendable {
    var address: SetAddress
    var document: JSONValue
}

/// `PUT /v1/tenants/{t}/sets/{set}/policy`: sets the set's review policy.
struct PolicyPut: Equatable, Sendable {
    var address: SetAddress
    var policy: SetPolicy
}
