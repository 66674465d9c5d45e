import CoreMetrics
import Foundation

/// How far this region's copy of one remote region's shared namespaces is behind, as its
/// replaying node (the leader) last saw it: `ecs_federation_lag_versions{region}` (shared
/// changes pulled and not yet replayed, at most one pull's batch), `ecs_federation_lag_seconds{region}`
/// (the age of the oldest of them; 0 when caught up) and `ecs_federation_pull_failures_total{region}`
/// (pulls that found the remote unreachable or unreadable). A node that does not replay reports
/// 0 lag, so a region's lag is the `max` over its nodes.
struct FederationMetrics: Sendable {
    let lagVersions: Gauge
    let lagSeconds: Gauge
    let pullFailures: Counter

    init(region: String, factory: any MetricsFactory = NodeMetrics.factory) {
        let dimensions = [("region", region)]
        lagVersions = Gauge(label: "ecs_federation_lag_versions", dimensions: dimensions, factory: factory)
        lagSeconds = Gauge(label: "ecs_federation_lag_seconds", dimensions: dimensions, factory: factory)
        pullFailures = Counter(label: "ecs_federation_pull_failures_total", dimensions: dimensions, factory: factory)
    }

    /// A pull found `pending` changes not yet replayed here, the oldest proposed at its home at
    /// `oldestIssuedAt` (Unix milliseconds).
    func observe(pending: Int, oldestIssuedAt: Int64?, now: Int64) {
        lagVersions.record(pending)
        lagSeconds.record(oldestIssuedAt.map { Double(max(0, now - $0)) / 1000 } ?? 0)
    }
}
