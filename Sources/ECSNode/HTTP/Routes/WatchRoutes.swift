import Hummingbird

/// `GET /v1/tenants/{t}/watch?sets=a,b`: the tenant's config changes as Server-Sent Events,
/// served by every node from its own applied state (`WatchStream`).
///
/// Authentication, authorization, the request's parameters and the tenant's existence are
/// checked before the stream starts, so each refusal is an ordinary problem response (401, 403,
/// 400, 404); once the `200` is sent, the stream only ends.
extension APIServices {
    func watch(_ request: Request, context: some RequestContext) async throws -> Response {
        let identity = try await verifier.authenticate(request)
        try identity.require(.read, in: context.parameters.get("tenant") ?? "")
        let tenant = try RequestParsing.name("tenant", in: context)
        let watch = try WatchRequest(request, tenant: tenant)
        let record = try await requireTenant(tenant)
        let limit = dependencies.editions.limits(for: record.edition).maxWatches
        guard let lease = dependencies.watchSlots.lease(for: tenant, limit: limit) else {
            throw Problem.tooManyWatches(tenant: tenant, edition: record.edition, limit: limit)
        }

        let start = watch.lastEventID ?? consensus.status().appliedIndex
        let stream = WatchStream(
            consensus: consensus, filter: watch.filter, region: dependencies.region,
            heartbeatInterval: dependencies.watchHeartbeatInterval, logger: context.logger)
        var headers = nodeHeaders
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                // The slot is held for as long as the stream is written, and let go with it.
                defer { withExtendedLifetime(lease) {} }
                try await stream.run(after: start, writer: &writer)
                try await writer.finish(nil)
            })
    }

    /// The record of `tenant`; 404 `unknown-tenant` unless it exists.
    ///
    /// A tenant found in this node's applied state needs nothing more, so a watch still opens on
    /// any node without a leader round trip. Only a tenant missing here is looked up again after
    /// a linearizable read barrier, so that a follower a little behind does not refuse a tenant
    /// created a moment ago through another node. That barrier is called directly rather than
    /// through `readBarrier`: a watch is never forwarded to the leader, whose answer would be an
    /// endless stream; a follower that cannot confirm answers 503 and the client retries.
    private func requireTenant(_ tenant: String) async throws -> TenantRecord {
        if let record = try tenantRecord(tenant) { return record }
        do {
            _ = try await consensus.linearizableReadBarrier()
        } catch {
            throw Problem.unavailable(
                "tenant '\(tenant)' is unknown to this node, which cannot confirm that now; retry")
        }
        guard let record = try tenantRecord(tenant) else { throw Problem.unknownTenant(tenant) }
        return record
    }

    /// `tenant`'s record in this node's applied tenant directory.
    private func tenantRecord(_ tenant: String) throws -> TenantRecord? {
        let environment = consensus.stateStore.environment
        let directory = TenantDirectory(tables: try ConfigTables(in: environment))
        return try environment.read { transaction in try directory.tenant(tenant, in: transaction) }
    }
}
