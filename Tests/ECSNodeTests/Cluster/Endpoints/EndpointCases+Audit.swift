import Testing

@testable import ECSNode

extension ClusterTests.EndpointWalkTests {
    /// Two records of a trail page, checked for the hash chain: the second names the first.
    static func expectChainedPage(_ reply: HTTPReply) throws {
        guard case .array(let records)? = reply["records"], records.count == 2 else {
            throw UnexpectedReply(reply: reply, expected: [200])
        }
        #expect(records[1]["prevHash"] == records[0]["hash"] && records[0]["hash"] != nil)
        #expect(records.allSatisfy { $0["seq"] != nil && $0["actor"] != nil && $0["action"] != nil })
        #expect(reply["next"] == records[1]["seq"])
    }

    /// A verdict on a whole trail: intact, and not empty.
    static func expectIntactTrail(_ reply: HTTPReply) throws {
        let body = try reply.json
        #expect(body["ok"] == true && body["head"] != nil, "\(reply)")
        guard case .integer(let count)? = body["count"] else { throw UnexpectedReply(reply: reply, expected: [200]) }
        #expect(count > 0)
    }

    /// The audit trails of a tenant and of the platform, and their verification. The walk's
    /// earlier writes filled both.
    static let auditCases: [EndpointCase] = [
        EndpointCase("GET /v1/tenants/{tenant}/audit", 200, "a page of chained records, on a follower") { walk in
            try await walk.send(.GET, "/v1/tenants/acme/audit?limit=2", on: .follower)
        } then: { reply, _ in
            try expectChainedPage(reply)
        },
        EndpointCase("GET /v1/tenants/{tenant}/audit", 400, "limit 0", violation: "limit") { walk in
            try await walk.send(.GET, "/v1/tenants/acme/audit?limit=0")
        },
        EndpointCase("GET /v1/tenants/{tenant}/audit", 404, "an unknown tenant") { walk in
            try await walk.send(.GET, "/v1/tenants/nobody/audit")
        },
        EndpointCase("GET /v1/tenants/{tenant}/audit/verify", 200, "an intact chain") { walk in
            try await walk.send(.GET, "/v1/tenants/acme/audit/verify?consistency=local")
        } then: { reply, _ in
            try expectIntactTrail(reply)
        },
        EndpointCase(
            "GET /v1/tenants/{tenant}/audit/verify", 400, "a consistency that is none", violation: "consistency"
        ) { walk in
            try await walk.send(.GET, "/v1/tenants/acme/audit/verify?consistency=eventual")
        },
        EndpointCase("GET /v1/tenants/{tenant}/audit/verify", 404, "an unknown tenant") { walk in
            try await walk.send(.GET, "/v1/tenants/nobody/audit/verify")
        },
        EndpointCase("GET /v1/platform/audit", 200, "a page of the platform's chained records") { walk in
            try await walk.send(.GET, "/v1/platform/audit?limit=2")
        } then: { reply, _ in
            try expectChainedPage(reply)
        },
        EndpointCase("GET /v1/platform/audit", 400, "an after that is no number", violation: "after") { walk in
            try await walk.send(.GET, "/v1/platform/audit?after=latest")
        },
        EndpointCase("GET /v1/platform/audit/verify", 200, "an intact chain") { walk in
            try await walk.send(.GET, "/v1/platform/audit/verify", on: .follower)
        } then: { reply, _ in
            try expectIntactTrail(reply)
        },
        EndpointCase("GET /v1/platform/audit/verify", 400, "a consistency that is none") { walk in
            try await walk.send(.GET, "/v1/platform/audit/verify?consistency=eventual")
        },
    ]
}
