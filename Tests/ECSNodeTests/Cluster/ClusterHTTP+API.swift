import Foundation

/// How a config read is served (spec: "Reading the effective configuration").
enum ReadConsistency: String, Sendable {
    case linearizable, local
}

/// The endpoints of shared/spec/API.md the cluster tests use, addressed to one node by its
/// base URL (`http://127.0.0.1:port`).
extension ClusterHTTP {
    /// `PUT …/items/{key}?scope=tenant` with an integer value.
    func putItem(_ base: String, tenant: String, set: String, key: String, value: Int) async throws -> HTTPReply {
        try await send(.PUT, itemURL(base, tenant: tenant, set: set, key: key), json: Data("\(value)".utf8))
    }

    /// `PUT /v1/tenants/{tenant}` with edition `pro` (the token is the platform admin's).
    func putTenant(_ base: String, tenant: String) async throws -> HTTPReply {
        try await send(.PUT, "\(base)/v1/tenants/\(tenant)", json: Data(#"{"edition": "pro"}"#.utf8))
    }

    /// `DELETE …/items/{key}?scope=tenant`.
    func deleteItem(_ base: String, tenant: String, set: String, key: String) async throws -> HTTPReply {
        try await send(.DELETE, itemURL(base, tenant: tenant, set: set, key: key))
    }

    /// `GET /v1/tenants/{tenant}/config?env=prod&consistency=…[&minIndex=…]`.
    func readConfig(
        _ base: String, tenant: String, consistency: ReadConsistency = .linearizable, minIndex: UInt64? = nil
    ) async throws -> HTTPReply {
        var url = "\(base)/v1/tenants/\(tenant)/config?env=prod&consistency=\(consistency.rawValue)"
        if let minIndex { url += "&minIndex=\(minIndex)" }
        return try await send(.GET, url)
    }

    /// `GET /v1/cluster/status`, decoded.
    func status(_ base: String) async throws -> ClusterStatus {
        try await send(.GET, "\(base)/v1/cluster/status").decode(ClusterStatus.self)
    }

    /// Whether `GET /readyz` answers 200: the node knows a leader and has caught up.
    func isReady(_ base: String) async -> Bool {
        (try? await send(.GET, "\(base)/readyz", timeout: .seconds(1)).status) == 200
    }

    private func itemURL(_ base: String, tenant: String, set: String, key: String) -> String {
        "\(base)/v1/tenants/\(tenant)/sets/\(set)/items/\(key)?scope=tenant"
    }
}
