import HTTPTypes
import Hummingbird

/// `POST /v1/tenants/{t}/sets/{set}/rollback` `{"toVersion": V}` (`ecs:write`) → 201 with the
/// write response body: a new version whose layers equal version V's (`RollbackWriter`), with
/// the set's new `ETag`. Honours `Idempotency-Key` like item writes.
extension APIServices {
    func rollback(_ request: Request, context: some RequestContext) async throws -> Response {
        let identity = try await verifier.authenticate(request)
        try identity.require(.write, in: context.parameters.get("tenant") ?? "")
        let address = SetAddress(
            tenant: try RequestParsing.name("tenant", in: context), set: try RequestParsing.name("set", in: context))
        let body = try await RequestParsing.body(of: request, limit: dependencies.maximumBodyBytes)
        let members = try JSONObjectBody.object(RequestParsing.jsonValue(body), allowed: ["toVersion"])
        guard case .integer(let version)? = members["toVersion"], version >= 1 else {
            throw JSONObjectBody.invalid(
                "toVersion", code: members["toVersion"] == nil ? "required" : "invalid-value",
                "toVersion is required: the version number (1 or more) whose layers the set goes back to")
        }
        let rollback = SetRollback(address: address, toVersion: UInt64(version))
        return try await proposeCommand(
            .rollback(rollback), by: identity, request: request, body: body,
            idempotencyKey: try RequestParsing.idempotencyKey(request),
            expecting: { if case .written(let receipt) = $0 { receipt } else { nil } },
            respond: { writeResponse($0, status: .created) })
    }
}
