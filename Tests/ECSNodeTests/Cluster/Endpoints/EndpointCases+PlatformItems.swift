import Testing

@testable import ECSNode

extension ClusterTests.EndpointWalkTests {
    /// `/v1/platform/sets/{set}/items/{key}` at `scope` (`global` or `edition:E`).
    static func platformItem(_ set: String, _ key: String = "k", scope: String? = "global") -> String {
        "/v1/platform/sets/\(set)/items/\(key)" + (scope.map { "?scope=\($0)" } ?? "")
    }

    /// Writes `value` to the platform layer `global` of `set`; the receipt.
    @discardableResult
    static func putPlatform(_ walk: EndpointWalk, _ set: String, _ value: String = "1") async throws -> WriteReceipt {
        try await walk.send(.PUT, platformItem(set), body: value).decode(WriteReceipt.self, expecting: [200, 201])
    }

    /// Writing and deleting the platform layers (platform admin).
    static let platformItemCases: [EndpointCase] = [
        EndpointCase("PUT /v1/platform/sets/{set}/items/{key}", 201, "a platform set's first version, on a follower") {
            walk in
            try await walk.send(.PUT, platformItem(walk.fresh()), body: "1", on: .follower)
        } then: { reply, _ in
            try expectWrite(reply, version: 1, tenant: "*")
        },
        EndpointCase("PUT /v1/platform/sets/{set}/items/{key}", 200, "a new version at an edition's layer") { walk in
            let set = walk.fresh()
            try await putPlatform(walk, set)
            return try await walk.send(.PUT, platformItem(set, scope: "edition:pro"), body: "2")
        } then: { reply, _ in
            try expectWrite(reply, version: 2, tenant: "*")
        },
        EndpointCase("PUT /v1/platform/sets/{set}/items/{key}", 400, "no scope") { walk in
            try await walk.send(.PUT, platformItem(walk.fresh(), scope: nil), body: "1")
        } then: { reply, _ in
            #expect(reply.violations("path") == ["scope"])
        },
        EndpointCase("PUT /v1/platform/sets/{set}/items/{key}", 412, "If-Match naming an older version") { walk in
            let set = walk.fresh()
            let first = try await putPlatform(walk, set)
            try await putPlatform(walk, set, "2")
            return try await walk.send(
                .PUT, platformItem(set), body: "3", headers: ["If-Match": EntityTags.quoted(first.etag)])
        },
        EndpointCase("PUT /v1/platform/sets/{set}/items/{key}", 413, "a body over 1 MiB") { walk in
            try await walk.send(.PUT, platformItem(walk.fresh()), body: EndpointWalk.oversized(1 << 20))
        },
        EndpointCase("PUT /v1/platform/sets/{set}/items/{key}", 422, "a plaintext password") { walk in
            try await walk.send(.PUT, platformItem(walk.fresh()), body: #"{"dsn": "db://u:x@h?password=hunter2"}"#)
        } then: { reply, _ in
            #expect(reply.violations("code").contains("secret.plaintext"), "\(reply)")
        },

        EndpointCase("DELETE /v1/platform/sets/{set}/items/{key}", 200, "a new version without it") { walk in
            let set = walk.fresh()
            try await putPlatform(walk, set)
            return try await walk.send(.DELETE, platformItem(set))
        } then: { reply, _ in
            try expectWrite(reply, version: 2, tenant: "*")
        },
        EndpointCase("DELETE /v1/platform/sets/{set}/items/{key}", 400, "a tenant's scope") { walk in
            try await walk.send(.DELETE, platformItem(walk.fresh(), scope: "tenant"))
        },
        EndpointCase("DELETE /v1/platform/sets/{set}/items/{key}", 404, "a key the layer does not hold") { walk in
            let set = walk.fresh()
            try await putPlatform(walk, set)
            return try await walk.send(.DELETE, platformItem(set, "absent"))
        },
        EndpointCase("DELETE /v1/platform/sets/{set}/items/{key}", 412, "If-Match naming an older version") { walk in
            let set = walk.fresh()
            let first = try await putPlatform(walk, set)
            try await putPlatform(walk, set, "2")
            return try await walk.send(
                .DELETE, platformItem(set), headers: ["If-Match": EntityTags.quoted(first.etag)])
        },
        EndpointCase("DELETE /v1/platform/sets/{set}/items/{key}", 422, "a key the platform set's schema requires") {
            walk in
            let set = walk.fresh()
            try await putPlatform(walk, set)
            try await walk.putSchema(set, requiredInteger, platform: true)
            return try await walk.send(.DELETE, platformItem(set))
        } then: { reply, _ in
            #expect(reply.violations("code").contains("schema.required"), "\(reply)")
        },
    ]
}
