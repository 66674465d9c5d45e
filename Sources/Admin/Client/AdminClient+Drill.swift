/// The calls a failover drill makes beside the cluster routes: cutting one node off its region,
/// and writing one item (`shared/spec/API.md`, "Writing values").
extension AdminClient {
    /// The same client, talking to `endpoint` only: for what is about one node (its own status,
    /// its isolation) rather than the region.
    public func at(_ endpoint: Endpoint) -> AdminClient {
        AdminClient(endpoints: [endpoint], token: token, transport: transport)
    }

    /// Cuts the answering node off its peers for `seconds` (1–300; it rejoins by itself
    /// afterwards), or ends its isolation at once with 0. Meant for a client `at` one node:
    /// the route is not forwarded, it isolates whichever node receives it.
    public func isolate(seconds: Int) async throws(AdminError) -> AdminReply<IsolationState> {
        try await call(.post, "/v1/cluster/isolate", body: Self.json(IsolationRequest(seconds: seconds)))
    }

    /// Sets `key` of `set` at the tenant scope to `value` (any JSON: the encoded `value`); a
    /// follower forwards the write to its leader.
    public func putItem(
        tenant: String, set: String, key: String, value: some Encodable
    ) async throws(AdminError) -> AdminReply<ItemWrite> {
        let path =
            "/v1/tenants/\(Self.segment(tenant))/sets/\(Self.segment(set))/items/\(Self.segment(key))?scope=tenant"
        return try await call(.put, path, body: Self.json(value))
    }
}

/// The body of `POST /v1/cluster/isolate`.
private struct IsolationRequest: Encodable {
    var seconds: Int
}
