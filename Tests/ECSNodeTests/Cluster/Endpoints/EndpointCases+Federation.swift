import Testing

@testable import ECSNode

extension ClusterTests.EndpointWalkTests {
    /// What a region serves the others: its outbox of shared commands.
    static let federationCases: [EndpointCase] = [
        EndpointCase(
            "GET /v1/federation/outbox", 200,
            "a follower's copy: directory and platform changes, never a strict tenant's"
        ) { walk in
            try await walk.send(.GET, "/v1/federation/outbox?after=0&limit=1000", on: .follower)
        } then: { reply, _ in
            #expect(reply["region"] == "local" && reply["floor"] == .integer(0))
            guard case .array(let entries)? = reply["entries"], case .integer(let through)? = reply["through"] else {
                throw UnexpectedReply(reply: reply, expected: [200])
            }
            let types = entries.compactMap { entry -> String? in
                if case .string(let type)? = entry["command"]?["type"] { type } else { nil }
            }
            #expect(types.contains("tenant.put") && types.contains("item.put"))
            // The walk's tenants are strict: every shared item change is the platform's.
            let itemNamespaces = Set(entries.compactMap { $0["command"]?["payload"]?["address"]?["namespace"] })
            #expect(itemNamespaces == ["*"], "\(itemNamespaces)")
            #expect(through > 0)
        },
        EndpointCase("GET /v1/federation/outbox", 200, "a long poll that finds nothing new answers empty") { walk in
            try await walk.send(.GET, "/v1/federation/outbox?after=\(UInt64(1) << 40)&waitMs=200")
        } then: { reply, _ in
            #expect(reply["entries"] == .array([]))
        },
        EndpointCase("GET /v1/federation/versions", 200, "a region alone owns the platform namespace") { walk in
            try await walk.send(.GET, "/v1/federation/versions", on: .follower)
        } then: { reply, _ in
            guard case .array(let namespaces)? = reply["namespaces"] else {
                throw UnexpectedReply(reply: reply, expected: [200])
            }
            #expect(namespaces.contains { $0["namespace"] == "*" })
        },
        EndpointCase("GET /v1/federation/status", 200, "a region without others has no drift to report") { walk in
            try await walk.send(.GET, "/v1/federation/status")
        } then: { reply, _ in
            #expect(reply["region"] == "local" && reply["remotes"] == .array([]))
        },
        EndpointCase("GET /v1/federation/outbox", 400, "an after that is no index", violation: "after") { walk in
            try await walk.send(.GET, "/v1/federation/outbox?after=minus-one")
        },
    ]
}
