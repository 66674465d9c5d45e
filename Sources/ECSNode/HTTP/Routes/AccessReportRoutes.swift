import Hummingbird

/// `POST /v1/cluster/access-reports` (platform admin): a node's access report (`AccessReport`:
/// `{"node", "counters": [{"namespace", "actor", "kind", "resource", "status", "count", "from",
/// "to"}]}`), proposed as an `audit.access` command → 200 `{"records"}`, the audit records it
/// appended. Followers send theirs to the leader this way (`AccessReportDelivery`); the records
/// name the token's subject as `reportedBy`.
extension APIServices {
    func recordAccessReport(_ request: Request) async throws -> Response {
        let identity = try await verifier.authenticate(request)
        try identity.requirePlatformAdmin()
        let body = try await RequestParsing.body(of: request, limit: dependencies.maximumBodyBytes)
        let json = try RequestParsing.jsonValue(body)
        let report: AccessReport
        do {
            report = try AccessReport(json: json)
        } catch {
            throw Problem.badRequest("not an access report: \(error)")
        }
        return try await proposeCommand(
            .recordAccess(report), by: identity, request: request, body: body,
            expecting: { if case .accessRecorded(let receipt) = $0 { receipt } else { nil } }
        ) { receipt in JSONBody.response(status: .ok, body: receipt.json, headers: nodeHeaders) }
    }
}
