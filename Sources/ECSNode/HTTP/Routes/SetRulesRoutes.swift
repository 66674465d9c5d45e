import Hummingbird

/// A tenant set's rules (`shared/spec/API.md`, "Schema and guardrails", "Drafts"), all with
/// `ecs:admin` on the tenant (or the platform admin):
/// - `PUT /v1/tenants/{t}/sets/{set}/schema`, the body a JSON Schema → 200
///   `{"tenant", "set", "schema", "index"}`; 422 with every problem when the schema does not
///   compile (checked here and again when applied) or when the set's current values violate it
///   (checked when applied: nothing is stored then).
/// - `GET …/schema` → 200 in the same form; 404 when the set has no schema. Linearizable.
/// - `PUT …/policy` `{"requireApproval": bool}` → 200 `{"tenant", "set", "requireApproval", "index"}`.
///
/// A set needs no version to get a schema or a policy: both may be set up before its first write
/// (a schema with `required` keys only once the set or its platform layers hold them, since the
/// set's values must satisfy the schema from the moment it is stored).
extension APIServices {
    func putSchema(_ request: Request, context: some RequestContext) async throws -> Response {
        let (identity, address) = try await authorizedSet(request, context: context)
        let body = try await RequestParsing.body(of: request, limit: dependencies.maximumBodyBytes)
        let document = try RequestParsing.jsonValue(body)
        do throws(SchemaDocumentError) {
            _ = try ConfigSchema(document: document)
        } catch {
            throw Problem(Rejection.invalidSchema(error))
        }
        return try await proposeCommand(
            .putSchema(SchemaPut(address: address, document: document)), by: identity, request: request, body: body,
            expecting: { if case .schema(let receipt) = $0 { receipt } else { nil } }
        ) { receipt in
            JSONBody.response(
                status: .ok, body: Self.schemaJSON(receipt.record, of: receipt.address), headers: nodeHeaders)
        }
    }

    func getSchema(_ request: Request, context: some RequestContext) async throws -> Response {
        let (_, address) = try await authorizedSet(request, context: context)
        return try await readTenantState(of: address.tenant, request: request, consistency: .linearizable) {
            tables, transaction in
            guard
                let record = try SetRules(tables: tables, transaction: transaction).schemaRecord(
                    of: address.namespace, address.set)
            else {
                throw Problem.notFound(
                    "set '\(address.set)' of tenant '\(address.tenant)' has no schema; PUT one to"
                        + " …/sets/\(address.set)/schema")
            }
            return Self.schemaJSON(record, of: address)
        }
    }

    func putPolicy(_ request: Request, context: some RequestContext) async throws -> Response {
        let (identity, address) = try await authorizedSet(request, context: context)
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
            let json: JSONValue = [
                "tenant": .string(receipt.address.tenant), "set": .string(receipt.address.set),
                "requireApproval": .bool(receipt.policy.requireApproval), "index": .count(receipt.index),
            ]
            return JSONBody.response(status: .ok, body: json, headers: nodeHeaders)
        }
    }

    /// The caller's identity and the set the request addresses, after 401 / 403 / 400 checks (in
    /// that order, so that a stranger learns nothing about names).
    private func authorizedSet(
        _ request: Request, context: some RequestContext
    ) async throws(Problem) -> (Identity, SetAddress) {
        let identity = try await verifier.authenticate(request)
        try identity.require(.admin, in: context.parameters.get("tenant") ?? "")
        let address = SetAddress(
            tenant: try RequestParsing.name("tenant", in: context), set: try RequestParsing.name("set", in: context))
        return (identity, address)
    }

    /// The API form of a stored schema.
    private static func schemaJSON(_ record: SchemaRecord, of address: SetAddress) -> JSONValue {
        [
            "tenant": .string(address.tenant), "set": .string(address.set), "schema": record.document,
            "index": .count(record.index),
        ]
    }
}
