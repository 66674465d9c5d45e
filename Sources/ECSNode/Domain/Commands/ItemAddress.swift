import Admin

/// Where one item lives: a key at a scope of a set in a namespace.
struct ItemAddress: Hashable, Sendable {
    var namespace: Namespace
    var set: String
    var scope: Scope
    var key: String

    /// Everything wrong with the address; empty when it is valid.
    ///
    /// Checked by the HTTP layer (400 with these violations) and again by `apply`, which never
    /// trusts a log entry more than a request.
    var violations: [Violation] {
        var found: [Violation] = []
        if !Names.isValidName(set) {
            found.append(
                Violation(code: "invalid-name", path: "set", message: "set names match ^[a-z0-9][a-z0-9-]{0,62}$"))
        }
        if !Names.isValidKey(key) {
            found.append(
                Violation(code: "invalid-key", path: "key", message: "keys match ^[A-Za-z0-9][A-Za-z0-9._/-]{0,255}$"))
        }
        if !namespace.admits(scope) {
            let message =
                switch namespace {
                case .platform: "platform layers are global or edition:E"
                case .tenant: "tenant layers are tenant, env:E or app:E/A; global and edition:E are platform layers"
                }
            found.append(Violation(code: "invalid-scope", path: "scope", message: message))
        }
        return found
    }
}
