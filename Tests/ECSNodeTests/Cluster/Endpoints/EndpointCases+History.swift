import Testing

@testable import ECSNode

extension ClusterTests.EndpointWalkTests {
    // The operations of this file, as openapi.json names them.
    private static let listVersions = "GET /v1/tenants/{tenant}/sets/{set}/versions"
    private static let readVersion = "GET /v1/tenants/{tenant}/sets/{set}/versions/{version}"
    private static let diffVersions = "GET /v1/tenants/{tenant}/sets/{set}/diff"
    private static let rollback = "POST /v1/tenants/{tenant}/sets/{set}/rollback"

    /// `…/sets/{set}/` of `acme` followed by `rest`.
    static func setPath(_ set: String, _ rest: String, tenant: String = "acme") -> String {
        "/v1/tenants/\(tenant)/sets/\(set)/\(rest)"
    }

    /// A set's versions, one version's layers, the diff of two, and rollback.
    static let historyCases: [EndpointCase] = [
        EndpointCase(listVersions, 200, "a page, oldest first, with next") { walk in
            let (set, _) = try await walk.setWithVersions(3)
            return try await walk.send(.GET, setPath(set, "versions?limit=2"), on: .follower)
        } then: { reply, _ in
            guard case .array(let versions)? = reply["versions"] else {
                throw UnexpectedReply(reply: reply, expected: [200])
            }
            #expect(versions.map { $0["version"] } == [1, 2])
            #expect(reply["next"] == 2)
            #expect(versions[0]["author"] == "cluster-tests" && versions[0]["etag"] != nil)
            #expect(
                versions[1]["changes"] == [["op": "set", "scope": "tenant", "key": "k", "value": 2, "previous": 1]])
            #expect(reply.header("X-ECS-Index") != nil)
        },
        EndpointCase(listVersions, 400, "limit 0", violation: "limit") { walk in
            try await walk.send(.GET, setPath(walk.fresh(), "versions?limit=0"))
        },
        EndpointCase(listVersions, 404, "a set without versions") { walk in
            try await walk.send(.GET, setPath(walk.fresh(), "versions"))
        },

        EndpointCase(readVersion, 200, "the layers as of a version") { walk in
            let (set, _) = try await walk.setWithVersions(2)
            return try await walk.send(.GET, setPath(set, "versions/1"))
        } then: { reply, _ in
            let body = try reply.json
            #expect(body["version"] == 1 && body["layers"] == ["tenant": ["k": 1]])
        },
        EndpointCase(readVersion, 400, "a version that is no number") { walk in
            try await walk.send(.GET, setPath(walk.fresh(), "versions/first"))
        },
        EndpointCase(readVersion, 404, "version 0, which no set has") { walk in
            let (set, _) = try await walk.setWithVersions(1)
            return try await walk.send(.GET, setPath(set, "versions/0"))
        },
        EndpointCase(readVersion, 404, "a version the set has not") { walk in
            let (set, _) = try await walk.setWithVersions(1)
            return try await walk.send(.GET, setPath(set, "versions/9"))
        },

        EndpointCase(diffVersions, 200, "what was added and changed") { walk in
            let (set, _) = try await walk.setWithVersions(2)
            try await walk.put(set, "j", "true")
            return try await walk.send(.GET, setPath(set, "diff?from=1&to=3"))
        } then: { reply, _ in
            let body = try reply.json
            #expect(body["added"] == [["scope": "tenant", "key": "j", "to": true]])
            #expect(body["changed"] == [["scope": "tenant", "key": "k", "from": 1, "to": 2]])
            #expect(body["removed"] == [])
        },
        EndpointCase(diffVersions, 400, "no from", violation: "from") { walk in
            try await walk.send(.GET, setPath(walk.fresh(), "diff?to=1"))
        },
        EndpointCase(diffVersions, 404, "version 0, which no set has") { walk in
            let (set, _) = try await walk.setWithVersions(1)
            return try await walk.send(.GET, setPath(set, "diff?from=0&to=1"))
        },
        EndpointCase(diffVersions, 404, "a version the set has not") { walk in
            let (set, _) = try await walk.setWithVersions(1)
            return try await walk.send(.GET, setPath(set, "diff?from=1&to=9"))
        },

        EndpointCase(rollback, 201, "a new version with version 1's layers") { walk in
            let (set, _) = try await walk.setWithVersions(3)
            return try await walk.send(.POST, setPath(set, "rollback"), body: #"{"toVersion": 1}"#, on: .follower)
        } then: { reply, _ in
            try expectWrite(reply, version: 4)
        },
        EndpointCase(rollback, 400, "toVersion 0", violation: "toVersion") { walk in
            let (set, _) = try await walk.setWithVersions(1)
            return try await walk.send(.POST, setPath(set, "rollback"), body: #"{"toVersion": 0}"#)
        },
        EndpointCase(rollback, 400, "a toVersion that is no whole number", violation: "toVersion") { walk in
            let (set, _) = try await walk.setWithVersions(1)
            return try await walk.send(.POST, setPath(set, "rollback"), body: #"{"toVersion": 1.5}"#)
        },
        EndpointCase(rollback, 404, "a version the set has not") { walk in
            let (set, _) = try await walk.setWithVersions(1)
            return try await walk.send(.POST, setPath(set, "rollback"), body: #"{"toVersion": 9}"#)
        },
        EndpointCase(rollback, 409, "a set whose policy requires approval", problem: "approval-required") { walk in
            let (set, _) = try await walk.setWithVersions(2)
            try await walk.requireApproval(set)
            return try await walk.send(.POST, setPath(set, "rollback"), body: #"{"toVersion": 1}"#)
        },
        EndpointCase(rollback, 422, "back to a value the schema now refuses", violation: "schema.type") { walk in
            let set = walk.fresh()
            try await walk.put(set, "k", #""one""#)
            try await walk.put(set, "k", "2")
            try await walk.putSchema(set, requiredInteger)
            return try await walk.send(.POST, setPath(set, "rollback"), body: #"{"toVersion": 1}"#)
        },
    ]
}
