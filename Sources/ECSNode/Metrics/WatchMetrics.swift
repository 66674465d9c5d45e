import CoreMetrics

/// The watch streams: `ecs_watch_subscribers` (open SSE streams now) and
/// `ecs_watch_events_sent_total` (events written to them, `resync` included; heartbeats not).
struct WatchMetrics: Sendable {
    static let shared = WatchMetrics(factory: NodeMetrics.factory)

    let subscribers: Meter
    let eventsSent: Counter

    init(factory: any MetricsFactory) {
        subscribers = Meter(label: "ecs_watch_subscribers", factory: factory)
        eventsSent = Counter(label: "ecs_watch_events_sent_total", factory: factory)
    }
}
