import Testing

@testable import ECSNode

extension ClusterTests.EndpointWalkTests {
    // The operations of this file, as openapi.json names them.
    private static let putPlatformItem = "PUT /v1/platform/sets/{set}/items/{key}"
    private static let deletePlatformItem = "DELETE /v1/platform/sets/{set}/items/{key}"

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
        EndpointCase(putPlatformItem, 201, "a platform set's first version, on a follower") { walk in
            try await walk.send(.PUT, platformItem(walk.fresh()), body: "1", on: .follower)
        } then: { reply, _ in
            try expectWrite(reply, version: 1, tenant: "*")
        },
        EndpointCase(putPlatformItem, 200, "a new version at an edition's layer") { walk in
            let set = walk.fresh()
            try await putPlatform(walk, set)
            return try await walk.send(.PUT, platformItem(set, scope: "edition:pro"), body: "2")
        } then: { reply, _ in
            try expectWrite(reply, version: 2, tenant: "*")
        },
        EndpointCase(putPlatformItem, 400, "no scope", violation: "scope") { walk in
            try await walk.send(.PUT, platformItem(walk.fresh(), scope: nil), body: "1")
        },
        EndpointCase(putPlatformItem, 412, "If-Match naming an older version") { walk in
            let set = walk.fresh()
            return try await sendStale(walk, .PUT, platformItem(set), body: "3") {
                try await putPlatform(walk, set, $0)
            }
        },
        EndpointCase(putPlatformItem, 413, "a body over 1 MiB") { walk in
            try await walk.send(.PUT, platformItem(walk.fresh()), body: EndpointWalk.oversized(1 << 20))
        },
        EndpointCase(putPlatformItem, 422, "a plaintext password", violation: "secret.plaintext") { walk in
            try await walk.send(.PUT, platformItem(walk.fresh()), body: #"{"dsn": "db://u:x@h?password=hunter2"}"#)
        },

        EndpointCase(deletePlatformItem, 200, "a new version without it") { walk in
            let set = walk.fresh()
            try await putPlatform(walk, set)
            return try await walk.send(.DELETE, platformItem(set))
        } then: { reply, _ in
            try expectWrite(reply, version: 2, tenant: "*")
        },
        EndpointCase(deletePlatformItem, 400, "a tenant's scope") { walk in
            try await walk.send(.DELETE, platformItem(walk.fresh(), scope: "tenant"))
        },
        EndpointCase(deletePlatformItem, 404, "a key the layer does not hold") { walk in
            let set = walk.fresh()
            try await putPlatform(walk, set)
            return try await walk.send(.DELETE, platformItem(set, "absent"))
        },
        EndpointCase(deletePlatformItem, 412, "If-Match naming an older version") { walk in
            let set = walk.fresh()
            return try await sendStale(walk, .DELETE, platformItem(set)) { try await putPlatform(walk, set, $0) }
        },
        EndpointCase(
            deletePlatformItem, 422, "a key the platform set's schema requires",
            violation: "schema.required"
        ) { walk in
            let set = walk.fresh()
            try await putPlatform(walk, set)
            try await walk.putSchema(set, requiredInteger, platform: true)
            return try await walk.send(.DELETE, platformItem(set))
        },
    ]
}
