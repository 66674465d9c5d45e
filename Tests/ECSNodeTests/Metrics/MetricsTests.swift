import HTTPTypes
import HummingbirdTesting
import Prometheus
import Testing

@testable import ECSNode

@Suite("Metrics: route labels, cached series, the /metrics routes")
struct MetricsTests {
    /// A registry of the test's own, so that counts are exact whatever else the process records.
    private let registry = PrometheusCollectorRegistry()
    private var factory: PrometheusMetricsFactory { NodeMetrics.makeFactory(registry: registry) }
    private var page: PrometheusSamples { PrometheusSamples(registry.emitToString()) }

    @Test("a route label is the OpenAPI template: the item key's recursive capture is {key}; no route is 'unmatched'")
    func routeLabels() {
        #expect(
            RouteLabel.label(endpointPath: "/v1/tenants/{tenant}/sets/{set}/items/**")
                == "/v1/tenants/{tenant}/sets/{set}/items/{key}")
        #expect(
            RouteLabel.label(endpointPath: "/v1/platform/sets/{set}/items/**") == "/v1/platform/sets/{set}/items/{key}")
        #expect(RouteLabel.label(endpointPath: "/v1/tenants/{tenant}/config") == "/v1/tenants/{tenant}/config")
        #expect(RouteLabel.label(endpointPath: nil) == "unmatched")
    }

    @Test("requests count per route, method and status, with one latency histogram per route")
    func httpSeries() {
        let metrics = HTTPMetrics(factory: factory)
        let template = "/v1/tenants/{tenant}/sets/{set}/items/**"
        let route = "/v1/tenants/{tenant}/sets/{set}/items/{key}"
        metrics.record(endpointPath: template, method: .put, status: 201, elapsed: .milliseconds(3))
        metrics.record(endpointPath: template, method: .put, status: 201, elapsed: .milliseconds(4))
        metrics.record(endpointPath: template, method: .put, status: 200, elapsed: .microseconds(700))
        metrics.record(endpointPath: template, method: .delete, status: 404, elapsed: .seconds(2))

        let page = self.page
        #expect(page.sum("ecs_http_requests_total", ["route": route, "method": "PUT", "status": "201"]) == 2)
        #expect(page.sum("ecs_http_requests_total", ["route": route, "method": "PUT"]) == 3)
        #expect(page.sum("ecs_http_requests_total", ["route": route, "status": "404"]) == 1)
        #expect(page.sum("ecs_http_request_duration_seconds_count", ["route": route]) == 4)
        #expect(page.sum("ecs_http_request_duration_seconds_bucket", ["route": route, "le": "0.001"]) == 1)
        #expect(abs(page.sum("ecs_http_request_duration_seconds_sum", ["route": route]) - 2.0077) < 1e-9)
        metrics.record(endpointPath: nil, method: .get, status: 404, elapsed: .microseconds(50))
        #expect(self.page.sum("ecs_http_requests_total", ["route": "unmatched", "status": "404"]) == 1)
    }

    @Test("a tenant's counters are made once and keep counting")
    func tenantUsage() {
        let usage = TenantUsage(factory: factory)
        usage.counters(for: "acme").writes.increment()
        usage.counters(for: "acme").writes.increment()
        usage.counters(for: "acme").reads.increment()
        usage.counters(for: "globex").pushEvents.increment(by: 5)
        #expect(usage.counters(for: "acme").writes === usage.counters(for: "acme").writes)

        let page = self.page
        #expect(page.sum("ecs_tenant_writes_total", ["tenant": "acme"]) == 2)
        #expect(page.sum("ecs_tenant_reads_total", ["tenant": "acme"]) == 1)
        #expect(page.sum("ecs_tenant_push_events_total", ["tenant": "globex"]) == 5)
        #expect(page.sum("ecs_tenant_push_events_total", ["tenant": "acme"]) == 0)
    }

    @Test("federation lag: the pending count and the age of the oldest pending change; 0 when caught up")
    func federationLag() {
        let metrics = FederationMetrics(region: "us", factory: factory)
        metrics.observe(pending: 7, oldestIssuedAt: 10_000, now: 12_500)
        #expect(page.sum("ecs_federation_lag_versions", ["region": "us"]) == 7)
        #expect(page.sum("ecs_federation_lag_seconds", ["region": "us"]) == 2.5)
        metrics.observe(pending: 0, oldestIssuedAt: nil, now: 20_000)
        #expect(page.sum("ecs_federation_lag_versions", ["region": "us"]) == 0)
        #expect(page.sum("ecs_federation_lag_seconds", ["region": "us"]) == 0)
    }

    @Test("proposals count by result, and their latency is a histogram")
    func proposals() {
        let metrics = RaftMetrics(factory: factory)
        metrics.proposalFinished(.failure(.unavailable(reason: "test")), after: .milliseconds(1))
        metrics.proposalFinished(.failure(.outcomeUnknown(reason: "test")), after: .milliseconds(1))
        let page = self.page
        #expect(page.sum("ecs_raft_proposals_total", ["result": "failed"]) == 2)
        #expect(page.sum("ecs_raft_proposals_total", ["result": "ok"]) == 0)
        #expect(page.sum("ecs_raft_proposal_duration_seconds_count") == 2)
    }

    @Test(
        "GET /metrics on the API listener: 401 without a token, 403 for a tenant's admin, the page for a platform admin"
    )
    func guardedRoute() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            #expect(try await client.send(.get, "/metrics").status == .unauthorized)
            let tenantAdmin = try await TestTokens.bearer(tenant: "acme", scopes: [.admin])
            #expect(try await client.send(.get, "/metrics", token: tenantAdmin).status == .forbidden)

            let response = try await client.send(.get, "/metrics", token: try await TestTokens.platformAdmin())
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4")
            let page = PrometheusSamples(String(buffer: response.body))
            #expect(
                page.sum("ecs_http_requests_total", ["route": "/metrics", "method": "GET", "status": "401"]) >= 1,
                "the refusal before counts (the process shares one registry)")
        }
    }

    @Test("the --metrics listener serves GET /metrics without a token, and nothing else")
    func separateListener() async throws {
        let application = MetricsListener.application(
            address: HostPort(host: "127.0.0.1", port: 0), logger: .init(label: "metrics-test"))
        try await application.test(.router) { client in
            let response = try await client.send(.get, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4")
            #expect(try await client.send(.get, "/v1/tenants").status == .notFound)
        }
    }
}
