import Hummingbird

/// A set's JSON Schema (`shared/spec/API.md`, "Schema and guardrails"), for a tenant's set with
/// `ecs:admin` on the tenant (or the platform admin) under `/v1/tenants/{t}/sets/{set}/schema`,
/// and for a platform set — its `global` and `edition:*` layers — with the platform admin under
/// `/v1/platform/sets/{set}/schema`:
/// - `PUT`, the body a JSON Schema → 200 `{"tenant", "set", "schema", "index"}` (`tenant` is `*`
///   for a platform set); 422 with every problem when the schema does not compile (checked here
///   and again when applied) or when the set's current values violate it (checked when applied:
///   nothing is stored then).
/// - `GET` → 200 in the same form; 404 when the set has no schema. Linearizable.
/// - `DELETE` → 200 `{"tenant", "set", "index"}`, the index of the entry that removed it; 404 when
///   the set has no schema.
///
/// A set needs no version to get a schema: it may be set up before the set's first write (one
/// with `required` keys only once the set or its platform layers hold them, since the set's
/// values must satisfy the schema from the moment it is stored). A platform set's schema checks
/// writes to the platform layers only; tenants' sets of the same name have schemas of their own.
extension APIServices {
    func putSchema(_ request: Request, context: some RequestContext, platform: Bool) async throws -> Response {
        let (identity, address) = try await authorizedSchema(request, context: context, platform: platform)
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

    func getSchema(_ request: Request, context: some RequestContext, platform: Bool) async throws -> Response {
        let (_, address) = try await authorizedSchema(request, context: context, platform: platform)
        return try await readNamespaceState(of: address.namespace, request: request, consistency: .linearizable) {
            tables, transaction in
            guard
                let record = try SetRules(tables: tables, transaction: transaction).schemaRecord(
                    of: address.namespace, address.set)
            else {
                throw Problem.notFound("\(address) has no schema; PUT one to …/sets/\(address.set)/schema")
            }
            return Self.schemaJSON(record, of: address)
        }
    }

    func deleteSchema(_ request: Request, context: some RequestContext, platform: Bool) async throws -> Response {
        let (identity, address) = try await authorizedSchema(request, context: context, platform: platform)
        return try await proposeCommand(
            .deleteSchema(SchemaDelete(address: address)), by: identity, request: request, body: nil,
            expecting: { if case .schemaDeleted(let deletion) = $0 { deletion } else { nil } }
        ) { deletion in
            let json: JSONValue = [
                "tenant": .string(deletion.address.namespace.description), "set": .string(deletion.address.set),
                "index": .count(deletion.index),
            ]
            return JSONBody.response(status: .ok, body: json, headers: nodeHeaders)
        }
    }

    /// The caller's identity and the set whose schema the request addresses, after 401 / 403 /
    /// 400 checks (in that order, so that a stranger learns nothing about names): `ecs:admin` on
    /// the tenant for a tenant's set, the platform admin for a platform set.
    private func authorizedSchema(
        _ request: Request, context: some RequestContext, platform: Bool
    ) async throws(Problem) -> (Identity, SchemaAddress) {
        guard platform else {
            let (identity, address) = try await authorizedSet(request, context: context, needing: .admin)
            return (identity, SchemaAddress(address))
        }
        let identity = try await verifier.authenticate(request)
        try identity.requirePlatformAdmin()
        return (identity, SchemaAddress(namespace: .platform, set: try RequestParsing.name("set", in: context)))
    }

    /// The API form of a stored schema.
    private static func schemaJSON(_ record: SchemaRecord, of address: SchemaAddress) -> JSONValue {
        [
            "tenant": .string(address.namespace.description), "set": .string(address.set), "schema": record.document,
            "index": .count(record.index),
        ]
    }
}
