import CoreMetrics
import HTTPTypes
import Metrics

/// `ecs_http_requests_total{route,method,status}` and `ecs_http_request_duration_seconds{route}`.
///
/// Labelled by route template, never by raw path, so their number is bounded by the routes the
/// router has, times methods and statuses. Each combination's metric objects are made once
/// (`MetricCache`).
final class HTTPMetrics: Sendable {
    static let shared = HTTPMetrics(factory: NodeMetrics.factory)

    /// What one answered request records into.
    struct Series: Sendable {
        let requests: Counter
        let duration: Metrics.Timer
    }

    private struct Key: Hashable {
        /// Hummingbird's template (`endpointPath`), nil for no route: made into the label
        /// (`RouteLabel`) only when the series is made.
        var endpointPath: String?
        var method: HTTPRequest.Method
        var status: Int
    }

    private let factory: any MetricsFactory
    private let series = MetricCache<Key, Series>()

    init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// Counts one request to the route whose template is `endpointPath` (Hummingbird's; nil when
    /// no route matched), answered with `status` after `elapsed`.
    func record(endpointPath: String?, method: HTTPRequest.Method, status: Int, elapsed: Duration) {
        let found = series(for: Key(endpointPath: endpointPath, method: method, status: status))
        found.requests.increment()
        found.duration.record(duration: elapsed)
    }

    private func series(for key: Key) -> Series {
        series.value(for: key) {
            let route = RouteLabel.label(endpointPath: key.endpointPath)
            return Series(
                requests: Counter(
                    label: "ecs_http_requests_total",
                    dimensions: [("route", route), ("method", key.method.rawValue), ("status", String(key.status))],
                    factory: factory),
                duration: Timer(
                    label: "ecs_http_request_duration_seconds", dimensions: [("route", route)], factory: factory))
        }
    }
}
