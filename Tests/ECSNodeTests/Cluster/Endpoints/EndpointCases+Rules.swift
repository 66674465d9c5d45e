import Testing

@testable import ECSNode

extension ClusterTests.EndpointWalkTests {
    // The operations of this file, as openapi.json names them.
    private static let putPolicy = "PUT /v1/tenants/{tenant}/sets/{set}/policy"
    private static let getPolicy = "GET /v1/tenants/{tenant}/sets/{set}/policy"

    /// The schema routes of a tenant's set (`platform: false`) or of a platform set.
    static func schemaPath(_ set: String, platform: Bool, tenant: String = "acme") -> String {
        platform ? "/v1/platform/sets/\(set)/schema" : setPath(set, "schema", tenant: tenant)
    }

    /// The operation name of a schema route, e.g. `PUT /v1/platform/sets/{set}/schema`.
    static func schemaOperation(_ method: String, platform: Bool) -> String {
        "\(method) " + (platform ? "/v1/platform/sets/{set}/schema" : "/v1/tenants/{tenant}/sets/{set}/schema")
    }

    /// The same walk for both kinds of schema: stored, read and removed, with their refusals.
    static func schemaCases(platform: Bool) -> [EndpointCase] {
        let (put, get, delete) = (
            schemaOperation("PUT", platform: platform), schemaOperation("GET", platform: platform),
            schemaOperation("DELETE", platform: platform)
        )
        let namespace: JSONValue = platform ? "*" : "acme"
        return [
            EndpointCase(put, 200, "the stored schema, sent to a follower") { walk in
                try await walk.send(
                    .PUT, schemaPath(walk.fresh(), platform: platform), body: integerK, on: .follower)
            } then: { reply, _ in
                let body = try reply.json
                #expect(body["tenant"] == namespace && body["index"] != nil)
                #expect(body["schema"] == (try JSONValue.parse(Array(integerK.utf8))))
            },
            EndpointCase(put, 400, "a body that is not JSON") { walk in
                try await walk.send(.PUT, schemaPath(walk.fresh(), platform: platform), body: "{")
            },
            EndpointCase(put, 413, "a body over 1 MiB") { walk in
                try await walk.send(
                    .PUT, schemaPath(walk.fresh(), platform: platform), body: EndpointWalk.oversized(1 << 20))
            },
            EndpointCase(put, 422, "a schema that does not compile", problem: "invalid-schema") { walk in
                try await walk.send(.PUT, schemaPath(walk.fresh(), platform: platform), body: #"{"type": 5}"#)
            },
            EndpointCase(get, 200, "the stored schema") { walk in
                let set = walk.fresh()
                try await walk.putSchema(set, integerK, platform: platform)
                return try await walk.send(.GET, schemaPath(set, platform: platform))
            } then: { reply, _ in
                #expect(reply["schema"]?["properties"] == ["k": ["type": "integer"]])
            },
            EndpointCase(get, 400, "a set name that is not a name") { walk in
                try await walk.send(.GET, schemaPath("Not_A_Set", platform: platform))
            },
            EndpointCase(get, 404, "a set without a schema") { walk in
                try await walk.send(.GET, schemaPath(walk.fresh(), platform: platform))
            },
            EndpointCase(delete, 200, "the schema removed") { walk in
                let set = walk.fresh()
                try await walk.putSchema(set, integerK, platform: platform)
                let removed = try await walk.send(.DELETE, schemaPath(set, platform: platform))
                let after = try await walk.send(.GET, schemaPath(set, platform: platform))
                #expect(after.status == 404, "\(after)")
                return removed
            } then: { reply, _ in
                let body = try reply.json
                #expect(body["tenant"] == namespace && body["index"] != nil)
            },
            EndpointCase(delete, 400, "a set name that is not a name") { walk in
                try await walk.send(.DELETE, schemaPath("Not_A_Set", platform: platform))
            },
            EndpointCase(delete, 404, "a set without a schema") { walk in
                try await walk.send(.DELETE, schemaPath(walk.fresh(), platform: platform))
            },
        ]
    }

    /// Both kinds of schema, and what only a tenant's can meet: an unknown tenant, and values
    /// stored before the schema that it refuses.
    static var schemaCases: [EndpointCase] {
        schemaCases(platform: false) + schemaCases(platform: true) + [
            EndpointCase(schemaOperation("PUT", platform: false), 404, "an unknown tenant") { walk in
                try await walk.send(
                    .PUT, schemaPath(walk.fresh(), platform: false, tenant: "nobody"), body: integerK)
            },
            EndpointCase(
                schemaOperation("PUT", platform: false), 422, "a schema the set's values break",
                violation: "schema.type"
            ) { walk in
                let set = walk.fresh()
                try await walk.put(set, "k", #""seven""#)
                return try await walk.send(.PUT, schemaPath(set, platform: false), body: integerK)
            },
            EndpointCase(schemaOperation("GET", platform: false), 404, "an unknown tenant") { walk in
                try await walk.send(.GET, schemaPath(walk.fresh(), platform: false, tenant: "nobody"))
            },
        ]
    }

    /// A tenant set's review policy.
    static let policyCases: [EndpointCase] = [
        EndpointCase(putPolicy, 200, "the stored policy, sent to a follower") { walk in
            try await walk.send(
                .PUT, setPath(walk.fresh(), "policy"), body: #"{"requireApproval": true}"#, on: .follower)
        } then: { reply, _ in
            let body = try reply.json
            #expect(body["requireApproval"] == true && body["index"] != nil)
        },
        EndpointCase(putPolicy, 400, "requireApproval that is no boolean", violation: "requireApproval") { walk in
            try await walk.send(.PUT, setPath(walk.fresh(), "policy"), body: #"{"requireApproval": "yes"}"#)
        },
        EndpointCase(putPolicy, 404, "an unknown tenant") { walk in
            try await walk.send(
                .PUT, setPath(walk.fresh(), "policy", tenant: "nobody"), body: #"{"requireApproval": true}"#)
        },
        EndpointCase(putPolicy, 413, "a body over 1 MiB") { walk in
            try await walk.send(.PUT, setPath(walk.fresh(), "policy"), body: EndpointWalk.oversized(1 << 20))
        },
        EndpointCase(getPolicy, 200, "a set without one needs no approval") { walk in
            try await walk.send(.GET, setPath(walk.fresh(), "policy"))
        } then: { reply, _ in
            #expect(reply["requireApproval"] == false)
        },
        EndpointCase(getPolicy, 400, "a set name that is not a name") { walk in
            try await walk.send(.GET, setPath("Not_A_Set", "policy"))
        },
        EndpointCase(getPolicy, 404, "an unknown tenant") { walk in
            try await walk.send(.GET, setPath(walk.fresh(), "policy", tenant: "nobody"))
        },
    ]
}
