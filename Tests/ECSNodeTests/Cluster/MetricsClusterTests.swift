import Foundation
import Testing

extension ClusterTests {
    /// Issue 7: `/metrics` of real nodes — what a Prometheus scraping the leader sees after a few
    /// writes, with a token on the API listener and without one on the `metrics:` listener.
    @Suite(.timeLimit(.minutes(2)))
    struct MetricsClusterTests {
        init() throws { try ClusterTests.requireNodeBinary() }

        static let itemRoute = "/v1/tenants/{tenant}/sets/{set}/items/{key}"

        @Test("the leader's /metrics counts the writes: applied index, item route, tenant, proposals, fsyncs")
        func leaderCountsWrites() async throws {
            try await LocalCluster.run { cluster in
                let leader = try await cluster.awaitLeader()
                let writes = 5
                var lastIndex: UInt64 = 0
                for value in 1...writes {
                    let reply = try await cluster.http.putItem(
                        leader.baseURL, tenant: "acme", set: "metered", key: "k\(value % 2)", value: value)
                    lastIndex = try reply.decode(WriteReceipt.self, expecting: [200, 201]).index
                }
                _ = try await cluster.http.readConfig(leader.baseURL, tenant: "acme").decode(ConfigDocument.self)

                let metrics = leader.baseURL + "/metrics"
                let first = try await cluster.http.send(.GET, metrics)
                #expect(first.status == 200, "\(first)")
                #expect(first.header("Content-Type") == "text/plain; version=0.0.4")
                // The gauges are set when the shell loop ends its round, just after the write's answer.
                let page = try await Self.scrape(
                    metrics, cluster: cluster, until: "the applied index reaches \(lastIndex)"
                ) {
                    $0.sum("ecs_raft_applied_index") >= Double(lastIndex)
                }
                #expect(page.sum("ecs_raft_commit_index") >= Double(lastIndex))
                #expect(page.sum("ecs_raft_term") >= 1)
                #expect(page.sum("ecs_raft_is_leader") == 1 && page.sum("ecs_raft_has_leader") == 1)
                let created = page.sum(
                    "ecs_http_requests_total", ["route": Self.itemRoute, "method": "PUT", "status": "201"])
                let updated = page.sum(
                    "ecs_http_requests_total", ["route": Self.itemRoute, "method": "PUT", "status": "200"])
                #expect(created >= 1, "the first write created its item")
                #expect(created + updated == Double(writes), "every write counted once, on the leader that served it")
                #expect(
                    page.sum("ecs_http_request_duration_seconds_count", ["route": Self.itemRoute]) >= Double(writes))
                #expect(page.sum("ecs_tenant_writes_total", ["tenant": "acme"]) >= Double(writes))
                #expect(page.sum("ecs_tenant_reads_total", ["tenant": "acme"]) >= 1)
                #expect(page.sum("ecs_raft_proposals_total", ["result": "ok"]) >= Double(writes))
                #expect(page.sum("ecs_raft_proposal_duration_seconds_count") >= Double(writes))
                #expect(page.sum("ecs_raft_fsync_duration_seconds_count") > 0)
                #expect(page.samples.allSatisfy { !($0.labels["route"]?.contains("/acme/") ?? false) }, "raw paths")

                let anonymous = try await cluster.http.send(.GET, leader.baseURL + "/metrics", as: .none)
                #expect(anonymous.status == 401, "\(anonymous)")
                #expect(anonymous.header("Content-Type") == "application/problem+json")
            }
        }

        /// Scrapes `url` until its page satisfies `condition`, and returns that page.
        static func scrape(
            _ url: String, as credentials: ClusterHTTP.Credentials = .admin, cluster: LocalCluster,
            until what: String, _ condition: (PrometheusSamples) -> Bool
        ) async throws -> PrometheusSamples {
            try await poll(what, timeout: .seconds(10)) { () async throws -> PrometheusSamples? in
                let reply = try await cluster.http.send(.GET, url, as: credentials)
                let page = PrometheusSamples(reply.text)
                return reply.status == 200 && condition(page) ? page : nil
            }
        }

        @Test("with metrics: HOST:PORT in the config file, that listener serves /metrics without a token; watch counts")
        func separateListener() async throws {
            let port = try LoopbackPorts.pick(1)[0]
            try await LocalCluster.run(size: 1, config: "metrics: 127.0.0.1:\(port)\n") { cluster in
                let leader = try await cluster.awaitLeader()
                let (stream, _) = try await EventStreamClient.watch(
                    "\(leader.baseURL)/v1/tenants/acme/watch", token: try await cluster.watchToken())
                var index: UInt64 = 0
                for value in 1...3 { index = try await cluster.put(on: leader, tenant: "acme", value: value).index }
                #expect(try await stream.events(3).count == 3)

                let listener = "http://127.0.0.1:\(port)"
                let page = try await Self.scrape(
                    listener + "/metrics", as: .none, cluster: cluster,
                    until: "the listener shows the writes and events"
                ) { $0.sum("ecs_raft_applied_index") >= Double(index) && $0.sum("ecs_watch_events_sent_total") >= 3 }
                #expect(page.sum("ecs_watch_subscribers") == 1)
                #expect(page.sum("ecs_tenant_push_events_total", ["tenant": "acme"]) >= 3)
                await stream.close()
                #expect(try await cluster.http.send(.GET, listener + "/v1/cluster/status").status == 404)
                #expect(try await cluster.http.send(.GET, leader.baseURL + "/metrics", as: .none).status == 401)
            }
        }
    }
}
