/// The region's backup (`GET /v1/cluster/snapshot`).
extension AdminClient {
    /// Streams a backup of the answering node's state into `receiver` (a backup file, see
    /// `BackupHeader`) and returns the node that sent it. The node first makes sure it has applied
    /// every write acknowledged before the request, so the backup holds all of them.
    public func backup(into receiver: BodyReceiver) async throws(AdminError) -> Endpoint {
        let request = AdminRequest(method: .get, path: "/v1/cluster/snapshot", bearerToken: token)
        let (response, endpoint) = try await exchange(request) { endpoint throws(TransportFailure) in
            try await transport.stream(request, to: endpoint, into: receiver)
        }
        guard (200..<300).contains(response.status) else { throw .refused(ServerProblem(response)) }
        return endpoint
    }
}
