/// A tenant of the region (`GET /v1/tenants/{tenant}`): its edition (which limits apply), the
/// region its data lives in, and whether other regions may hold read replicas of it.
public struct Tenant: Sendable, Equatable, Decodable {
    /// Whether a tenant's data may leave its home region.
    public enum Residency: String, Sendable, Decodable, CaseIterable {
        /// Values, versions and audit are stored in the home region only.
        case strict
        /// Other regions keep read replicas.
        case replicated
    }

    public var name: String
    public var edition: String
    public var homeRegion: String
    public var residency: Residency
    /// When it was created, as the node wrote it (RFC 3339, UTC).
    public var createdAt: String

    public init(name: String, edition: String, homeRegion: String, residency: Residency, createdAt: String) {
        self.name = name
        self.edition = edition
        self.homeRegion = homeRegion
        self.residency = residency
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case edition, homeRegion, residency, createdAt
        case name = "tenant"
    }
}

/// The answer to `PUT /v1/tenants/{tenant}`: the tenant as stored, whether the request created it
/// (201) or changed an existing one (200), and the log index that committed it.
public struct TenantChange: Sendable, Equatable {
    public var tenant: Tenant
    public var created: Bool
    public var index: UInt64

    public init(tenant: Tenant, created: Bool, index: UInt64) {
        self.tenant = tenant
        self.created = created
        self.index = index
    }
}
