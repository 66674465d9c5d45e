import Admin

/// One tenant of the region's directory: who it is, which edition's platform layer it inherits,
/// and where its data may live.
///
/// Stored in the `tenants` table as JSON like every record (`RecordCoding`); issue 6 federates
/// the directory across regions, so the home region and residency are recorded from the start.
struct TenantRecord: Equatable, Sendable {
    var tenant: String
    var edition: String
    /// The region whose Raft group owns the tenant's config.
    var homeRegion: String
    var residency: Residency
    /// The proposer's time of creation, milliseconds since 1970.
    var createdAt: Int64
    /// The proposer's time of the latest change, milliseconds since 1970.
    var updatedAt: Int64
}

/// Where a tenant's values, versions and audit may be stored.
enum Residency: String, Sendable, CaseIterable {
    /// Only in the home region; other regions forward or redirect.
    case strict
    /// Federated to every region, which serves reads from its own copy.
    case replicated
}

/// `PUT /v1/tenants/{tenant}`: creates the tenant or changes its settings.
struct TenantPut: Equatable, Sendable {
    var tenant: String
    var edition: String
    var homeRegion: String
    var residency: Residency

    /// Everything wrong with the settings; empty when they are valid. Checked by the HTTP layer
    /// (400) and again when applied.
    var violations: [Violation] {
        var found: [Violation] = []
        for (path, name) in [("tenant", tenant), ("edition", edition), ("homeRegion", homeRegion)]
        where !Names.isValidName(name) {
            found.append(
                Violation(code: "invalid-name", path: path, message: "\(path) must match ^[a-z0-9][a-z0-9-]{0,62}$"))
        }
        return found
    }
}
