import Admin
import Hummingbird

/// A tenant set's review policy (`shared/spec/API.md`, "Drafts, review and publish"):
/// - `PUT /v1/tenants/{t}/sets/{set}/policy` `{"requireApproval": bool}` → 200
///   `{"tenant", "set", "requireApproval", "index"}`, with `ecs:admin` on the tenant;
/// - `GET …/policy` → 200 `{"tenant", "set", "requireApproval"}`, with `ecs:read`: whoever writes
///   to the set needs to know whether their changes go through drafts. A set without a stored
///   policy reads as `requireApproval: false`, which is how writes treat it. Linearizable.
///
/// A set needs no version to get a policy: it may be set up before the set's first write.
extension APIServices {
    func putPolicy(_ request: Request, context: some RequestContext) async throws -> Response {
        let (identity, address) = try await authorizedSet(request, context: context, needing: .admin)
        let body = try await RequestParsing.body(of: request, limit: dependencies.maximumBodyBytes)
        let members = try JSONObjectBody.object(RequestParsing.jsonValue(body), allowed: ["requireApproval"])
        guard case .bool(let requireApproval)? = members["requireApproval"] else {
            throw JSONObjectBody.invalid(
                "requireApproval", code: members["requireApproval"] == nil ? "required" : "invalid-type",
                "requireApproval is required, true or false")
        }
        let put = PolicyPut(address: address, policy: SetPolicy(requireApproval: requireApproval))
        return try await proposeCommand(
            .putPolicy(put), by: identity, request: request, body: body,
            expecting: { if case .policy(let receipt) = $0 { receipt } else { nil } }
        ) { receipt in
            var json = Self.policyJSON(receipt.policy, of: receipt.address)
            json["index"] = .count(receipt.index)
            return JSONBody.response(status: .ok, body: .object(json), headers: nodeHeaders)
        }
    }

    func getPolicy(_ request: Request, context: some RequestContext) async throws -> Response {
        let (_, address) = try await authorizedSet(request, context: context, needing: .read)
        return try await readTenantState(of: address.tenant, request: request, consistency: .linearizable) {
            tables, transaction in
            let stored = try SetRules(tables: tables, transaction: transaction).policy(
                of: address.namespace, address.set)
            return .object(Self.policyJSON(stored ?? SetPolicy(requireApproval: false), of: address))
        }
    }

    /// The caller's identity and the set the request addresses, after 401 / 403 / 400 checks (in
    /// that order, so that a stranger learns nothing about names).
    func authorizedSet(
        _ request: Request, context: some RequestContext, needing permission: Permission
    ) async throws(Problem) -> (Identity, SetAddress) {
        let identity = try await verifier.authenticate(request)
        try identity.require(permission, in: context.parameters.get("tenant") ?? "")
        let address = SetAddress(
            tenant: try RequestParsing.name("tenant", in: context), set: try RequestParsing.name("set", in: context))
        return (identity, address)
    }

    /// The API form of a set's policy.
    private static func policyJSON(_ policy: SetPolicy, of address: SetAddress) -> [String: JSONValue] {
        [
            "tenant": .string(address.tenant), "set": .string(address.set),
            "requireApproval": .bool(policy.requireApproval),
        ]
    }
}
