import Foundation
import Testing

@testable import ECSNode

extension ClusterTests.EndpointWalkTests {
    /// The open endpoints of every node: liveness, readiness, the API's description and the
    /// region's signing key; and its metrics, for a platform admin.
    static let nodeCases: [EndpointCase] = [
        EndpointCase("GET /healthz", 200, "a running node, without a token") { walk in
            try await walk.send(.GET, "/healthz", as: .none)
        } then: { reply, _ in
            #expect(reply["status"] == "ok")
            #expect(reply.header("X-ECS-Node") != nil && reply.header("X-ECS-Region") == "local")
        },
        EndpointCase("GET /readyz", 200, "a voter that knows its leader") { walk in
            try await walk.send(.GET, "/readyz", on: .follower, as: .none)
        } then: { reply, _ in
            #expect(reply["status"] == "ready")
        },
        EndpointCase("GET /readyz", 503, "a node started to join, before anyone added it") { walk in
            try await walk.startSpare()
        } then: { reply, _ in
            #expect(reply.header("Retry-After") != nil, "\(reply.headers)")
        },
        EndpointCase("GET /v1/openapi.json", 200, "the embedded document, without a token") { walk in
            try await walk.send(.GET, "/v1/openapi.json", as: .none)
        } then: { reply, _ in
            #expect(reply.header("Content-Type") == "application/json")
            #expect(Array(reply.body) == PackageResources.openapi_json)
        },
        EndpointCase("GET /metrics", 200, "the Prometheus page, for a platform admin") { walk in
            try await walk.send(.GET, "/metrics")
        } then: { reply, _ in
            #expect(reply.header("Content-Type") == "text/plain; version=0.0.4")
            let page = PrometheusSamples(reply.text)
            #expect(page.sum("ecs_raft_applied_index") >= 1, "\(reply.text.prefix(2000))")
            #expect(page.sum("ecs_raft_has_leader") == 1)
        },
        EndpointCase("GET /v1/keys/signing", 200, "one Ed25519 key, the same on every node of the region") { walk in
            try await walk.send(.GET, "/v1/keys/signing", as: .none)
        } then: { reply, walk in
            guard case .array(let keys)? = reply["keys"], keys.count == 1,
                case .string(let encoded)? = keys[0]["publicKey"]
            else { throw UnexpectedReply(reply: reply, expected: [200]) }
            #expect(keys[0]["alg"] == "Ed25519" && keys[0]["kid"] != nil)
            #expect(Data(base64Encoded: encoded)?.count == 32)
            for voter in walk.cluster.voters {
                let other = try await walk.send(.GET, "/v1/keys/signing", on: .node(voter), as: .none)
                #expect(other.body == reply.body, "\(voter.id) publishes another key")
            }
        },
    ]
}
