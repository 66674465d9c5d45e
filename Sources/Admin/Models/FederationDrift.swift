/// `GET /v1/federation/status`: how far one region's copies of the other regions' shared
/// namespaces are behind (`ecsctl drift`).
public struct FederationDrift: Sendable, Equatable, Decodable {
    /// The region that answered.
    public var region: String
    /// One entry per other region.
    public var remotes: [Remote]

    /// The drift of the copies of one remote region's namespaces.
    public struct Remote: Sendable, Equatable, Decodable {
        public var region: String
        /// Whether the remote answered; when not, `error` says why and the lags are unknown.
        public var reachable: Bool
        public var error: String?
        /// The remote outbox index replayed through here.
        public var appliedIndex: UInt64
        /// Shared changes not replayed yet (nil when the remote did not answer).
        public var lagVersions: UInt64?
        /// Age in seconds of the oldest change not replayed yet (0 when caught up).
        public var lagSeconds: Double?
        public var tenants: [TenantDrift]?
        /// The platform namespace and tenant directory, when the remote is the platform region.
        public var platform: Versions?
    }

    /// One tenant's change count at home and here.
    public struct TenantDrift: Sendable, Equatable, Decodable {
        public var tenant: String
        public var homeVersion: UInt64
        public var localVersion: UInt64
    }

    /// A namespace's change count at home and here.
    public struct Versions: Sendable, Equatable, Decodable {
        public var homeVersion: UInt64
        public var localVersion: UInt64
    }
}
