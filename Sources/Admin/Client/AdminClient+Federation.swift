/// Federation between regions (`shared/spec/API.md`, "Cluster and regions").
extension AdminClient {
    /// How far the answering node's region is behind every other region (the drift).
    public func drift() async throws(AdminError) -> AdminReply<FederationDrift> {
        try await call(.get, "/v1/federation/status")
    }
}
