import CoreMetrics

/// Usage metering per tenant: `ecs_tenant_reads_total`, `ecs_tenant_writes_total` and
/// `ecs_tenant_push_events_total`, each labelled by `tenant` only.
///
/// Only requests a tenant was served count (see `HTTPMetricsMiddleware`), so the series are
/// bounded by the tenants that exist. Each tenant's counters are made once (`MetricCache`).
final class TenantUsage: Sendable {
    static let shared = TenantUsage(factory: NodeMetrics.factory)

    /// One tenant's counters.
    struct Counters: Sendable {
        let reads: Counter
        let writes: Counter
        let pushEvents: Counter
    }

    private let factory: any MetricsFactory
    private let tenants = MetricCache<String, Counters>()

    init(factory: any MetricsFactory) {
        self.factory = factory
    }

    func counters(for tenant: String) -> Counters {
        tenants.value(for: tenant) {
            let dimensions = [("tenant", tenant)]
            return Counters(
                reads: Counter(label: "ecs_tenant_reads_total", dimensions: dimensions, factory: factory),
                writes: Counter(label: "ecs_tenant_writes_total", dimensions: dimensions, factory: factory),
                pushEvents: Counter(label: "ecs_tenant_push_events_total", dimensions: dimensions, factory: factory))
        }
    }
}
