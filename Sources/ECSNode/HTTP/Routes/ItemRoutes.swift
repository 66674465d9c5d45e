import Hummingbird

/// `PUT` / `DELETE /v1/tenants/{t}/sets/{set}/items/{key}?scope=…` and their platform twins
/// `/v1/platform/sets/{set}/items/{key}?scope=global|edition:E`.
///
/// Each handler authenticates, validates, checks the tenant's edition limits (on the leader),
/// turns the request into a `Command` (with the client's `Idempotency-Key`), proposes it, and
/// answers from the state machine's outcome: 201 for a set's first version, 200 after, with the
/// write response body and the set's new `ETag`. A retry of a request under the same key gets
/// the first answer again, byte for byte, marked `Idempotent-Replayed: true`. What depends on
/// the state is decided when the command is applied: 404 unknown tenant, 409 `approval-required`
/// (the set's policy), 412 `If-Match`, 422 `validation-failed` (the set's schema and the secret
/// guard).
extension APIServices {
    func putItem(_ request: Request, context: some RequestContext, platform: Bool) async throws -> Response {
        let write = try await authorizedWrite(request, context: context, platform: platform)
        let body = try await RequestParsing.body(of: request, limit: dependencies.maximumBodyBytes)
        let value = try RequestParsing.jsonValue(body)
        let put = ItemPut(address: write.address, value: value, expectedETag: try RequestParsing.expectedETag(request))
        try admitItemWrite(to: write.address, value: value, bodyBytes: body.readableBytes)
        return try await propose(.putItem(put), write, request: request, body: body)
    }

    func deleteItem(_ request: Request, context: some RequestContext, platform: Bool) async throws -> Response {
        let write = try await authorizedWrite(request, context: context, platform: platform)
        let delete = ItemDelete(address: write.address, expectedETag: try RequestParsing.expectedETag(request))
        try admitItemWrite(to: write.address, value: nil, bodyBytes: 0)
        return try await propose(.deleteItem(delete), write, request: request, body: nil)
    }

    /// Who writes, which item, under which `Idempotency-Key`.
    private struct AuthorizedWrite {
        var identity: Identity
        var address: ItemAddress
        var idempotencyKey: String?
    }

    /// The caller's identity, the item the request addresses and its idempotency key, after
    /// 401 / 403 / 400 checks (in that order, so that a stranger learns nothing about names).
    private func authorizedWrite(
        _ request: Request, context: some RequestContext, platform: Bool
    )
        async throws(Problem) -> AuthorizedWrite
    {
        let identity = try await verifier.authenticate(request)
        let namespace: Namespace
        if platform {
            try identity.requirePlatformAdmin()
            namespace = .platform
        } else {
            try identity.require(.write, in: context.parameters.get("tenant") ?? "")
            namespace = .tenant(try RequestParsing.name("tenant", in: context))
        }
        let address = ItemAddress(
            namespace: namespace,
            set: try RequestParsing.name("set", in: context),
            scope: try RequestParsing.scope(request, default: platform ? nil : .tenant),
            key: try RequestParsing.itemKey(in: context))
        let violations = address.violations
        guard violations.isEmpty else { throw .badRequest("the item address is invalid", violations: violations) }
        return AuthorizedWrite(
            identity: identity, address: address, idempotencyKey: try RequestParsing.idempotencyKey(request))
    }

    /// Proposes `action` and answers with the write response (or the leader's answer).
    private func propose(
        _ action: Command.Action, _ write: AuthorizedWrite, request: Request, body: ByteBuffer?
    )
        async throws -> Response
    {
        try await proposeCommand(
            action, by: write.identity, request: request, body: body, idempotencyKey: write.idempotencyKey,
            expecting: { if case .written(let receipt) = $0 { receipt } else { nil } },
            respond: { writeResponse($0) })
    }

    /// The answer to a published version: the write response body and the set's new `ETag`;
    /// 201 for a set's first version and 200 after, unless `status` says otherwise.
    func writeResponse(_ receipt: WriteReceipt, status: HTTPResponse.Status? = nil) -> Response {
        let body: JSONValue = [
            "tenant": .string(receipt.namespace.description),
            "set": .string(receipt.set),
            "version": .integer(Int64(clamping: receipt.version)),
            "etag": .string(receipt.etag),
            "index": .integer(Int64(clamping: receipt.index)),
        ]
        var headers = nodeHeaders
        headers[.eTag] = EntityTags.quoted(receipt.etag)
        return JSONBody.response(status: status ?? (receipt.created ? .created : .ok), body: body, headers: headers)
    }
}
