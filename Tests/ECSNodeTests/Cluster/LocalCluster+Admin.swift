import Admin

extension LocalCluster {
    /// Runs `body` with the `Admin` library's client for this region, as `ecsctl` builds it:
    /// the platform admin token, `nodes` as the endpoints in order, the HTTP transport.
    func withAdmin<T>(_ nodes: [NodeSpec], _ body: (AdminClient) async throws -> T) async throws -> T {
        let endpoints = try nodes.map { try Endpoint(parsing: $0.baseURL) }
        return try await HTTPAdminTransport.withTransport { transport in
            try await body(AdminClient(endpoints: endpoints, token: http.token, transport: transport))
        }
    }
}
