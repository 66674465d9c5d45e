import CoreMetrics
import Prometheus

/// The process's metrics: one Prometheus registry, which `GET /metrics` renders, and the
/// swift-metrics factory that writes into it.
///
/// The node's own metric objects are made with this factory explicitly (`Counter(label:factory:)`),
/// so they count into the registry whether or not `bootstrap()` ran first — an in-process test
/// that builds a router without starting a node still has working metrics. `bootstrap()` makes it
/// the global swift-metrics factory as well, once per process, so that libraries instrumented
/// with swift-metrics report to the same page.
enum NodeMetrics {
    static let registry = PrometheusCollectorRegistry()

    static let factory = makeFactory(registry: registry)

    /// A factory writing into `registry`, with the node's histogram buckets.
    static func makeFactory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = latencyBuckets
        factory.durationHistogramBuckets = [RaftMetrics.Names.snapshotDuration: snapshotDurationBuckets]
        factory.valueHistogramBuckets = [RaftMetrics.Names.snapshotSize: snapshotSizeBuckets]
        return factory
    }

    /// Request, proposal and fsync latencies: from 100 µs (an fsync on a fast disk) to 10 s
    /// (a proposal's timeout), finer than the library's default, which starts at 5 ms.
    static let latencyBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    /// A snapshot copies the whole state: from tens of milliseconds to minutes.
    static let snapshotDurationBuckets: [Duration] = [
        .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5),
        .seconds(10), .seconds(30), .seconds(60), .seconds(300),
    ]

    /// Snapshot files from 1 MiB to 16 GiB, a power of four apart.
    static let snapshotSizeBuckets: [Double] = (0...7).map { Double(1 << (20 + 2 * $0)) }

    private static let bootstrapped: Void = MetricsSystem.bootstrap(factory)

    /// Makes `factory` the process's swift-metrics factory; later calls do nothing (swift-metrics
    /// allows one bootstrap per process).
    static func bootstrap() {
        _ = bootstrapped
    }

    /// The registry in Prometheus's text exposition format.
    static func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
