import AsyncHTTPClient
import Foundation
import PeerTransport

/// Everything the HTTP API needs from the node that runs it.
struct APIDependencies: Sendable {
    /// The replicated log: writes are proposed through it and reads wait on it.
    var consensus: any ConsensusClient
    /// This node's id, sent as `X-ECS-Node` and in the forwarding hop header.
    var nodeName: String
    /// This node's region, sent as `X-ECS-Region`.
    var region: String { regions.local }
    /// This node's region, the other regions' endpoints and the platform region.
    var regions: RegionMap
    /// The HS256 key of client tokens (the bytes of `--auth-secret-file`, trailing whitespace stripped);
    /// with `region`, also what the region's config-signing key is derived from (`ConfigSigner`).
    var authKey: [UInt8]
    /// Relays requests from a follower to the leader, and to other regions.
    var httpClient: HTTPClient
    /// How the other members of the region serve HTTP: `https` when the node has TLS settings
    /// (every member then serves TLS with a certificate from the same CA), else `http`.
    var memberScheme = "http"
    /// The limits of each edition, enforced on writes this node proposes (`EditionLimits`).
    var editions = EditionCatalog.builtIn
    /// The wall clock: token expiry, the `at` of proposed commands, a read's `issuedAt`.
    /// Never read while applying a command.
    var now: @Sendable () -> Date = { Date() }
    /// The monotonic clock of the writes-per-second buckets (`WriteRateLimiter`); tests step it.
    var monotonicNow: @Sendable () -> ContinuousClock.Instant = { .now }
    /// How long a client may cache a config read (`ttlSeconds`).
    var configTTLSeconds: Int = 30
    /// The largest request body accepted; larger ones get 413 (editions may allow less).
    var maximumBodyBytes: Int = EditionLimits.maximumRequestBytes
    /// How long a forwarded request may take before this node gives up on the leader or region.
    var forwardingTimeout: Duration = .seconds(10)
    /// Where the copies behind `GET /v1/cluster/snapshot` are written while they are sent (the
    /// node's `backups/` folder, on the same disk as the state).
    var backupScratchFolder: String = NSTemporaryDirectory()
    /// The switch that cuts this node off its peers during a failover drill: the peer network's
    /// own in a node; a detached one where there is no network (the in-process tests).
    var isolation = PeerIsolation()
    /// How long a watch stream may stay silent before it gets a heartbeat comment.
    var watchHeartbeatInterval: Duration = .seconds(15)
    /// The watch streams open on this node, per tenant (the edition's `max-watches`).
    var watchSlots = WatchSlots()
    /// The reads and refusals answered since the last access report (`AccessReporter` drains it).
    var accessTally = AccessTally()
    /// The other regions' federation routes, one client per region (`--region-seeds`).
    var remoteRegions: [RegionClient] = []
}
