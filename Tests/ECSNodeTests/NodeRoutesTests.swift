import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: /healthz, /readyz, /v1/cluster/status and unknown routes")
struct NodeRoutesTests {
    @Test("/healthz is 200 whatever the cluster does")
    func health() async throws {
        let harness = try APITestHarness()
        harness.consensus.setStatus(leader: nil)
        try await harness.application().test(.router) { client async throws in
            #expect(try await client.send(.get, "/healthz").status == .ok)
        }
    }

    @Test(
        "/readyz is 503 without a leader, while the start-up backlog is applied or the leader's address is unknown, then 200"
    )
    func readiness() async throws {
        let harness = try APITestHarness()
        harness.consensus.setStatus(leader: nil)
        try await harness.application().test(.router) { client in
            let leaderless = try await client.send(.get, "/readyz")
            #expect(leaderless.status == .serviceUnavailable)
            #expect(leaderless.headers[.contentType] == "application/problem+json")
            #expect(leaderless.headers[.retryAfter] != nil)

            harness.consensus.setStatus(leader: "n2", commitIndex: 10)
            #expect(try await client.send(.get, "/readyz").status == .serviceUnavailable)

            harness.consensus.setStatus(leader: "n2", commitIndex: 0)
            let addressUnknown = try await client.send(.get, "/readyz")
            #expect(addressUnknown.status == .serviceUnavailable, "followers could not forward to n2 yet")

            _ = try await harness.consensus.changeMembership(
                .add(
                    MemberRecord(
                        name: "n2", raftAddress: "127.0.0.1:9082", httpAddress: "127.0.0.1:8082", region: "eu"),
                    learner: false))
            #expect(try await client.send(.get, "/readyz").status == .ok)
            harness.consensus.setStatus(leader: "n2", commitIndex: 10)
            #expect(try await client.send(.get, "/readyz").status == .ok, "a later apply lag does not unready the node")
            harness.consensus.setStatus(leader: nil)
            #expect(try await client.send(.get, "/readyz").status == .serviceUnavailable)
        }
    }

    @Test("/v1/cluster/status reports the consensus status in the spec's shape")
    func clusterStatus() async throws {
        let harness = try APITestHarness()
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            let response = try await client.send(.get, "/v1/cluster/status", token: admin)
            #expect(response.status == .ok)
            #expect(
                try response.json == [
                    "node": "n1", "region": "eu", "role": "leader", "term": 1, "leader": "n1", "commitIndex": 0,
                    "appliedIndex": 0,
                    "members": [
                        [
                            "id": "n1", "raftAddr": "127.0.0.1:9081", "httpAddr": "127.0.0.1:8081", "role": "voter",
                            "matchIndex": 0, "healthy": true,
                        ]
                    ],
                ])
            harness.consensus.setStatus(leader: nil)
            #expect(try await client.send(.get, "/v1/cluster/status", token: admin)["leader"] == .null)
        }
    }

    @Test("an unknown route is a 404 problem")
    func unknownRoute() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            let response = try await client.send(.get, "/v1/nothing-here")
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(response["status"] == 404)
        }
    }
}
