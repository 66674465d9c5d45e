import AsyncHTTPClient
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ECSNode

/// Two nodes on real ephemeral ports: a follower whose consensus says "not the leader, it is
/// over there", and the leader it points at.
@Suite("HTTP: followers forward to the leader")
struct ForwardingTests {
    @Test("a write to a follower is applied by the leader, and the leader's answer comes back unchanged")
    func forwardedWrites() async throws {
        let leader = try APITestHarness(nodeName: "leader")
        let follower = try APITestHarness(nodeName: "follower")
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write, .read])
        try await withForwardingClient { client in
            try await leader.application().test(.live) { leaderClient in
                let leaderPort = try #require(leaderClient.port)
                follower.consensus.failProposals(with: .notLeader(leaderHTTPAddress: "127.0.0.1:\(leaderPort)"))
                follower.consensus.failReadBarriers(with: .notLeader(leaderHTTPAddress: "127.0.0.1:\(leaderPort)"))
                try await follower.application(httpClient: client).test(.live) { followerClient in
                    let items = "/v1/tenants/acme/sets/payments/items"
                    let created = try await followerClient.send(
                        .put, "\(items)/db%2Fpool?scope=env:prod", token: token, body: "7")
                    #expect(created.status == .created)
                    #expect(created.headers[.ecsNode] == "leader")
                    #expect(created["version"] == 1)
                    let etag = try #require(created.headers[.eTag])

                    let stale = try await followerClient.send(
                        .put, "\(items)/db/pool?scope=env:prod", token: token, body: "8", headers: [.ifMatch: "\"old\""]
                    )
                    #expect(stale.status == .preconditionFailed, "If-Match travels to the leader")
                    #expect(stale.headers[.contentType] == "application/problem+json")

                    let updated = try await followerClient.send(
                        .put, "\(items)/db/pool?scope=env:prod", token: token, body: "8", headers: [.ifMatch: etag])
                    #expect(updated.status == .ok)

                    let read = try await followerClient.send(.get, "/v1/tenants/acme/config?env=prod", token: token)
                    #expect(read.status == .ok)
                    #expect(
                        read.headers[.ecsNode] == "leader", "a linearizable read on a follower is served by the leader")
                    #expect(try read.json["sets"]?["payments"]?["items"] == ["db/pool": 8])

                    let deleted = try await followerClient.send(
                        .delete, "\(items)/db/pool?scope=env:prod", token: token)
                    #expect(deleted.status == .ok)
                    let unauthorized = try await followerClient.send(.put, "\(items)/k", token: nil, body: "1")
                    #expect(unauthorized.status == .unauthorized, "the follower checks the token before forwarding")
                }
                let resolved = try leader.state.resolve(ConfigQuery(tenant: "acme", env: "prod"))
                #expect(resolved.sets["payments"]?.version == 3)
                #expect(
                    try follower.state.dumpTables().values.allSatisfy(\.isEmpty), "nothing was applied on the follower")
            }
        }
    }

    @Test("Idempotency-Key travels to the leader, and a replay comes back through the follower as the leader gave it")
    func forwardedIdempotency() async throws {
        let leader = try APITestHarness(nodeName: "leader")
        let follower = try APITestHarness(nodeName: "follower")
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        try await withForwardingClient { client in
            try await leader.application().test(.live) { leaderClient in
                let leaderPort = try #require(leaderClient.port)
                follower.consensus.failProposals(with: .notLeader(leaderHTTPAddress: "127.0.0.1:\(leaderPort)"))
                let item = "/v1/tenants/acme/sets/payments/items/k"
                let first = try await leaderClient.send(
                    .put, item, token: token, body: "1", headers: [.idempotencyKey: "retry-1"])
                #expect(first.status == .created)
                try await follower.application(httpClient: client).test(.live) { followerClient in
                    let retry = try await followerClient.send(
                        .put, item, token: token, body: "1", headers: [.idempotencyKey: "retry-1"])
                    #expect(retry.status == .created)
                    #expect(retry.body == first.body)
                    #expect(retry.headers[.eTag] == first.headers[.eTag])
                    #expect(retry.headers[.idempotentReplayed] == "true")
                    let reused = try await followerClient.send(
                        .put, item, token: token, body: "2", headers: [.idempotencyKey: "retry-1"])
                    #expect(reused.status == .unprocessableContent, "the key reached the leader")
                }
                #expect(try leader.state.dumpTables()[ConfigTables.versionsName]?.count == 1)
            }
        }
    }

    @Test("two nodes that each think the other leads do not forward in circles: 503")
    func noLoops() async throws {
        let first = try APITestHarness(nodeName: "first")
        let second = try APITestHarness(nodeName: "second")
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        try await withForwardingClient { client in
            try await second.application(httpClient: client).test(.live) { secondClient in
                let secondPort = try #require(secondClient.port)
                first.consensus.failProposals(with: .notLeader(leaderHTTPAddress: "127.0.0.1:\(secondPort)"))
                try await first.application(httpClient: client).test(.live) { firstClient in
                    let firstPort = try #require(firstClient.port)
                    second.consensus.failProposals(with: .notLeader(leaderHTTPAddress: "127.0.0.1:\(firstPort)"))
                    let response = try await firstClient.send(
                        .put, "/v1/tenants/acme/sets/payments/items/k", token: token, body: "1")
                    #expect(response.status == .serviceUnavailable)
                    #expect(response.headers[.retryAfter] == "1")
                }
            }
        }
    }

    @Test("a leader that cannot be reached is 503: the write certainly did not happen")
    func unreachableLeader() async throws {
        let follower = try APITestHarness(nodeName: "follower")
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        follower.consensus.failProposals(with: .notLeader(leaderHTTPAddress: "127.0.0.1:1"))
        try await withForwardingClient { client in
            try await follower.application(httpClient: client).test(.live) { followerClient in
                let response = try await followerClient.send(
                    .put, "/v1/tenants/acme/sets/payments/items/k", token: token, body: "1")
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "1")
            }
        }
    }
}
