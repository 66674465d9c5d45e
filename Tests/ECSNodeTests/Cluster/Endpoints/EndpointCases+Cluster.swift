import Foundation
import Testing

@testable import ECSNode

extension ClusterTests.EndpointWalkTests {
    /// The body of `POST /v1/cluster/members` for the spare, as `role`.
    static func newMember(_ spare: NodeSpec, role: String) -> String {
        #"{"id": "\#(spare.id)", "raftAddr": "\#(spare.raftAddress)", "httpAddr": "\#(spare.httpAddress)", "role": "\#(role)"}"#
    }

    /// The region's status and membership: the spare joins as a learner, is promoted and
    /// removed again, and leadership moves last.
    static let clusterCases: [EndpointCase] = [
        EndpointCase("GET /v1/cluster/status", 200, "a follower's view of the region") { walk in
            try await walk.send(.GET, "/v1/cluster/status", on: .follower)
        } then: { reply, walk in
            let status = try reply.decode(ClusterStatus.self)
            let leader = try await walk.node(.leader)
            #expect(status.role == "follower" && status.leader == leader.id && status.region == "local")
            #expect(status.members.filter { $0.role == "voter" }.map(\.id).sorted() == walk.cluster.voters.map(\.id))
            #expect(status.appliedIndex > 0 && status.commitIndex >= status.appliedIndex)
        },
        EndpointCase("POST /v1/cluster/members", 201, "the spare, as a learner, sent to a follower") { walk in
            try await walk.send(
                .POST, "/v1/cluster/members", body: newMember(walk.spare, role: "learner"), on: .follower)
        } then: { reply, walk in
            let body = try reply.json
            #expect(body["id"] == .string(walk.spare.id) && body["role"] == "learner")
            try await walk.cluster.awaitReady([walk.spare.id])
        },
        EndpointCase("POST /v1/cluster/members", 400, "an id that is not a name, no addresses") { walk in
            try await walk.send(.POST, "/v1/cluster/members", body: #"{"id": "N_4", "role": "voter"}"#)
        } then: { reply, _ in
            #expect(reply.violations("path") == ["id", "raftAddr", "httpAddr"])
        },
        EndpointCase("POST /v1/cluster/members", 409, "a node that is a member already") { walk in
            let voter = walk.cluster.voters[walk.cluster.voters.startIndex]
            return try await walk.send(.POST, "/v1/cluster/members", body: newMember(voter, role: "voter"))
        },
        EndpointCase("POST /v1/cluster/members", 413, "a body over 1 MiB") { walk in
            try await walk.send(.POST, "/v1/cluster/members", body: EndpointWalk.oversized(1 << 20))
        },
        EndpointCase("POST /v1/cluster/members/{id}/promote", 200, "the learner becomes a voter") { walk in
            try await walk.send(.POST, "/v1/cluster/members/\(walk.spare.id)/promote")
        } then: { reply, walk in
            let body = try reply.json
            #expect(body["id"] == .string(walk.spare.id) && body["role"] == "voter")
        },
        EndpointCase("POST /v1/cluster/members/{id}/promote", 400, "an id that is not a name") { walk in
            try await walk.send(.POST, "/v1/cluster/members/N_4/promote")
        },
        EndpointCase("POST /v1/cluster/members/{id}/promote", 404, "an unknown member") { walk in
            try await walk.send(.POST, "/v1/cluster/members/n9/promote")
        },
        EndpointCase("POST /v1/cluster/members/{id}/promote", 409, "a voter already") { walk in
            try await walk.send(
                .POST, "/v1/cluster/members/\(walk.cluster.voters[walk.cluster.voters.startIndex].id)/promote")
        },
        EndpointCase("DELETE /v1/cluster/members/{id}", 200, "the spare leaves again, sent to a follower") { walk in
            try await walk.send(.DELETE, "/v1/cluster/members/\(walk.spare.id)", on: .follower)
        } then: { reply, walk in
            let body = try reply.json
            #expect(body["id"] == .string(walk.spare.id) && body["index"] != nil)
        },
        EndpointCase("DELETE /v1/cluster/members/{id}", 400, "an id that is not a name") { walk in
            try await walk.send(.DELETE, "/v1/cluster/members/N_4")
        },
        EndpointCase("DELETE /v1/cluster/members/{id}", 404, "an unknown member") { walk in
            try await walk.send(.DELETE, "/v1/cluster/members/n9")
        },
        EndpointCase("POST /v1/cluster/transfer-leadership", 400, "a to that is no node id") { walk in
            try await walk.send(.POST, "/v1/cluster/transfer-leadership", body: #"{"to": 2}"#)
        },
        EndpointCase("POST /v1/cluster/transfer-leadership", 409, "the leader itself") { walk in
            let leader = try await walk.node(.leader)
            return try await walk.send(.POST, "/v1/cluster/transfer-leadership", body: #"{"to": "\#(leader.id)"}"#)
        },
        EndpointCase("POST /v1/cluster/transfer-leadership", 413, "a body over 1 MiB") { walk in
            try await walk.send(.POST, "/v1/cluster/transfer-leadership", body: EndpointWalk.oversized(1 << 20))
        },
        EndpointCase("POST /v1/cluster/access-reports", 200, "a report of acme reads, sent to a follower") { walk in
            let counter =
                #"{"namespace": "acme", "actor": "walker", "kind": "read", "resource": "GET /v1/tenants/{tenant}/config", "#
                + #""status": 200, "count": 3, "from": 1800000000000, "to": 1800000001000}"#
            return try await walk.send(
                .POST, "/v1/cluster/access-reports", body: #"{"node": "walk", "counters": [\#(counter)]}"#,
                on: .follower)
        } then: { reply, walk in
            #expect(reply["records"] == .integer(1))
            let trail = try await walk.send(.GET, "/v1/tenants/acme/audit?limit=1000").json
            guard case .array(let records)? = trail["records"] else {
                throw UnexpectedReply(reply: reply, expected: [200])
            }
            #expect(records.contains { $0["actor"] == "walker" && $0["action"] == "read" })
        },
        EndpointCase("POST /v1/cluster/access-reports", 400, "a counter with no kind") { walk in
            try await walk.send(.POST, "/v1/cluster/access-reports", body: #"{"node": "walk", "counters": [{}]}"#)
        },
        EndpointCase("POST /v1/cluster/access-reports", 413, "a body over 1 MiB") { walk in
            try await walk.send(.POST, "/v1/cluster/access-reports", body: EndpointWalk.oversized(1 << 20))
        },
        EndpointCase("POST /v1/cluster/isolate", 200, "seconds 0 ends an isolation (none runs): the node stays in") {
            walk in
            try await walk.send(.POST, "/v1/cluster/isolate", body: #"{"seconds": 0}"#, on: .follower)
        } then: { reply, _ in
            #expect(reply["isolated"] == .bool(false) && reply["seconds"] == .integer(0))
        },
        EndpointCase("POST /v1/cluster/isolate", 400, "more than 300 seconds", violation: "out-of-range") { walk in
            try await walk.send(.POST, "/v1/cluster/isolate", body: #"{"seconds": 301}"#, on: .follower)
        },
        EndpointCase("POST /v1/cluster/isolate", 413, "a body over 1 MiB") { walk in
            try await walk.send(.POST, "/v1/cluster/isolate", body: EndpointWalk.oversized(1 << 20))
        },
        EndpointCase("GET /v1/cluster/snapshot", 200, "a follower streams a backup file") { walk in
            try await walk.send(.GET, "/v1/cluster/snapshot", on: .follower)
        } then: { reply, _ in
            #expect(reply.header("Content-Type") == "application/octet-stream")
            #expect(reply.body.prefix(8) == Data("ECSBACK\0".utf8))
            #expect(reply.header("Content-Length") == String(reply.body.count))
        },
        EndpointCase("POST /v1/cluster/transfer-leadership", 200, "to a named follower, sent to the other") { walk in
            let leader = try await walk.node(.leader)
            let followers = walk.cluster.followers(of: leader)
            return try await walk.send(
                .POST, "/v1/cluster/transfer-leadership", body: #"{"to": "\#(followers[0].id)"}"#,
                on: .node(followers[1]))
        } then: { reply, walk in
            guard case .string(let named)? = reply["leader"] else {
                throw UnexpectedReply(reply: reply, expected: [200])
            }
            #expect(try await walk.leader().id == named)
        },
    ]
}
