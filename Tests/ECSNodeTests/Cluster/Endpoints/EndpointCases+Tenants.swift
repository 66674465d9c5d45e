import Testing

@testable import ECSNode

extension ClusterTests.EndpointWalkTests {
    /// The tenant directory (platform admin).
    static let tenantCases: [EndpointCase] = [
        EndpointCase("GET /v1/tenants", 200, "every tenant with its settings") { walk in
            try await walk.send(.GET, "/v1/tenants")
        } then: { reply, _ in
            guard case .array(let tenants)? = reply["tenants"] else {
                throw UnexpectedReply(reply: reply, expected: [200])
            }
            let acme = tenants.first { $0["tenant"] == "acme" }
            #expect(acme?["edition"] == "pro" && acme?["homeRegion"] == "local" && acme?["createdAt"] != nil)
            #expect(tenants.contains { $0["tenant"] == "quota" && $0["edition"] == "quota" })
        },
        EndpointCase("PUT /v1/tenants/{tenant}", 201, "a new tenant, sent to a follower") { walk in
            try await walk.send(
                .PUT, "/v1/tenants/\(walk.fresh("tenant"))", body: #"{"edition": "pro"}"#, on: .follower)
        } then: { reply, _ in
            let body = try reply.json
            #expect(body["edition"] == "pro" && body["homeRegion"] == "local" && body["residency"] == "strict")
            #expect(body["createdAt"] != nil && body["index"] != nil)
        },
        EndpointCase("PUT /v1/tenants/{tenant}", 200, "new settings for an existing tenant") { walk in
            let tenant = walk.fresh("tenant")
            try await walk.createTenant(tenant, edition: "pro")
            return try await walk.send(
                .PUT, "/v1/tenants/\(tenant)", body: #"{"edition": "free", "residency": "strict"}"#)
        } then: { reply, _ in
            let body = try reply.json
            #expect(body["edition"] == "free" && body["residency"] == "strict")
        },
        EndpointCase("PUT /v1/tenants/{tenant}", 409, "a new residency for an existing tenant") { walk in
            let tenant = walk.fresh("tenant")
            try await walk.createTenant(tenant, edition: "pro")
            return try await walk.send(
                .PUT, "/v1/tenants/\(tenant)", body: #"{"edition": "pro", "residency": "replicated"}"#)
        } then: { reply, _ in
            #expect(reply["type"] == "urn:ecs:problem:tenant-setting-fixed")
        },
        EndpointCase("PUT /v1/tenants/{tenant}", 400, "a home region nobody knows", violation: "homeRegion") { walk in
            try await walk.send(
                .PUT, "/v1/tenants/\(walk.fresh("tenant"))", body: #"{"edition": "pro", "homeRegion": "mars"}"#)
        },
        EndpointCase("PUT /v1/tenants/{tenant}", 400, "no edition", violation: "edition") { walk in
            try await walk.send(.PUT, "/v1/tenants/\(walk.fresh("tenant"))", body: "{}")
        },
        EndpointCase("PUT /v1/tenants/{tenant}", 413, "a body over 1 MiB") { walk in
            try await walk.send(.PUT, "/v1/tenants/\(walk.fresh("tenant"))", body: EndpointWalk.oversized(1 << 20))
        },
        EndpointCase("GET /v1/tenants/{tenant}", 200, "a tenant's settings") { walk in
            try await walk.send(.GET, "/v1/tenants/acme")
        } then: { reply, _ in
            let body = try reply.json
            #expect(body["tenant"] == "acme" && body["edition"] == "pro" && body["residency"] == "strict")
        },
        EndpointCase("GET /v1/tenants/{tenant}", 400, "a name that is not a name") { walk in
            try await walk.send(.GET, "/v1/tenants/Not_A_Name")
        },
        EndpointCase("GET /v1/tenants/{tenant}", 404, "an unknown tenant") { walk in
            try await walk.send(.GET, "/v1/tenants/nobody")
        },
    ]
}
