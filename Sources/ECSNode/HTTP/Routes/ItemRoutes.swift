import Hummingbird

/// `PUT` / `DELETE /v1/tenants/{t}/sets/{set}/items/{key}?scope=…` and their platform twins
/// `/v1/platform/sets/{set}/items/{key}?scope=global|edition:E`.
///
/// Each handler authenticates, validates, checks the tenant's edition limits (on the leader),
/// turns the request into a `Command` (with the client's `Idempotency-Key`), proposes it, and
/// answers from the state machine's outcome: 201 for a set's first version, 200 after, with the
/// write response body and the set's new `ETag`. A retry of a request under the same key gets
/// the first answer again, byte for byte, marked `Idempotent-Replayed: true`.
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

    /// Proposes `action` and turns the outcome into the write response (or the leader's answer).
    private func propose(
        _ action: Command.Action, _ write: AuthorizedWrite, request: Request, body: ByteBuffer?
    )
        async throws -> Response
    {
        switch try await proposeCommand(
            action, by: write.identity, request: request, body: body, idempotencyKey: write.idempotencyKey)
        {
        case .forwarded(let response): return response
        case .local(let outcome): return try writeResponse(outcome)
        }
    }

    private func writeResponse(_ outcome: CommandOutcome) throws(Problem) -> Response {
        switch outcome {
        case .written(let receipt):
            let body: JSONValue = [
                "tenant": .string(receipt.namespace.description),
                "set": .string(receipt.set),
                "version": .integer(Int64(clamping: receipt.version)),
                "etag": .string(receipt.etag),
                "index": .integer(Int64(clamping: receipt.index)),
            ]
            var headers = nodeHeaders
            headers[.eTag] = EntityTags.quoted(receipt.etag)
            return JSONBody.response(status: receipt.created ? .created : .ok, body: body, headers: headers)
        case .rejected(let rejection):
            throw Problem(rejection)
        case .replayed(let first):
            do {
                var response = try writeResponse(first)
                response.headers[.idempotentReplayed] = "true"
                return response
            } catch {
                var problem = error
                problem.headers[.idempotentReplayed] = "true"
                throw problem
            }
        case .tenant:
            throw Problem.internalError("an item write answered with a tenant outcome")
        }
    }
}

extension Problem {
    /// The answer to a command the state machine refused.
    init(_ rejection: Rejection) {
        let status: HTTPResponse.Status =
            switch rejection.reason {
            case .invalidCommand, .unsupportedCommand: .badRequest
            case .notFound, .unknownTenant: .notFound
            case .preconditionFailed: .preconditionFailed
            case .idempotencyKeyReused: .unprocessableContent
            case .valueTooLarge: .contentTooLarge
            }
        self.init(
            status: status, code: rejection.reason.rawValue, detail: rejection.detail, violations: rejection.violations)
    }
}
