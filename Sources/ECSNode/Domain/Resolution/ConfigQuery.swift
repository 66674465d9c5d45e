/// What a config read asks for: one tenant's effective configuration for an env (and app).
struct ConfigQuery: Equatable, Sendable {
    var tenant: String
    var env: String
    var app: String?
    /// The tenant's edition, whose `edition:E` platform layer applies; `nil` skips that layer.
    var edition: String?
    /// The sets to resolve; `nil` means every set the tenant has written.
    var sets: [String]?
    var keys: KeyFilter = .everything
}

/// The effective configuration: for each set, the tenant's version and the resolved items.
struct ResolvedConfig: Equatable, Sendable {
    struct ResolvedSet: Equatable, Sendable {
        /// The tenant set's head version; 0 when the tenant has not written the set.
        var version: UInt64
        /// Key → value after precedence and `null`-hiding.
        var items: [String: JSONValue]
        /// The head etag of the platform set of the same name, whose `global` and `edition`
        /// layers contributed; part of the read's etag so platform writes change it.
        var platformETag: String?
    }

    var sets: [String: ResolvedSet]
}
