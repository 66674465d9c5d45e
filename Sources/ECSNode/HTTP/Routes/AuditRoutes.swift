import Hummingbird

/// A tenant's audit trail (`shared/spec/API.md`, "Audit"), for its admins (`ecs:admin`):
/// - `GET /v1/tenants/{t}/audit?after=SEQ&limit=N` → `{"records": […], "next"?}`, oldest first;
/// - `GET /v1/tenants/{t}/audit/verify` → `{"ok", "count", "head", "brokenAt"?}`.
///
/// And the platform namespace's trail (`*`: writes to the platform layers and platform sets'
/// schemas), for the platform admin, in the same shapes: `GET /v1/platform/audit` and
/// `GET /v1/platform/audit/verify`.
///
/// Records are served exactly as stored and chained (`at` in milliseconds since 1970), so a
/// client can recompute every `hash` itself: SHA-256 of the canonical JSON (RFC 8785) of the
/// record without `hash`. Like other reads they are linearizable unless `consistency=local`.
extension APIServices {
    func listAudit(_ request: Request, context: some RequestContext, platform: Bool) async throws -> Response {
        let namespace = try await authorizeAuditRead(request, context: context, platform: platform)
        var query = QueryReader(request)
        let after = query.version("after", required: false) ?? 0
        let limit = query.count("limit", in: 1...1000, default: 100)
        let consistency = query.consistency()
        guard query.violations.isEmpty else { throw query.refusal }
        return try await readNamespaceState(of: namespace, request: request, consistency: consistency) {
            tables, transaction in
            let trail = AuditTrail(tables: tables)
            let page = try trail.records(of: namespace, after: after, limit: limit + 1, in: transaction)
            var body: [String: JSONValue] = ["records": .array(page.prefix(limit).map(\.json))]
            if page.count > limit, let last = page.prefix(limit).last { body["next"] = .count(last.seq) }
            return .object(body)
        }
    }

    func verifyAudit(_ request: Request, context: some RequestContext, platform: Bool) async throws -> Response {
        let namespace = try await authorizeAuditRead(request, context: context, platform: platform)
        var query = QueryReader(request)
        let consistency = query.consistency()
        guard query.violations.isEmpty else { throw query.refusal }
        return try await readNamespaceState(of: namespace, request: request, consistency: consistency) {
            tables, transaction in
            let trail = AuditTrail(tables: tables)
            let verification = try trail.verify(namespace, in: transaction)
            return .object(
                omittingAbsent: [
                    "ok": .bool(verification.ok), "count": .integer(Int64(verification.count)),
                    "head": verification.head.map(JSONValue.string) ?? .null,
                    "brokenAt": verification.brokenAt.map(JSONValue.count),
                ])
        }
    }

    /// The namespace whose trail is asked for, after the 401 / 403 / 400 checks: the tenant's
    /// (`ecs:admin` on it), or the platform's (the platform admin).
    private func authorizeAuditRead(
        _ request: Request, context: some RequestContext, platform: Bool
    ) async throws(Problem) -> Namespace {
        let identity = try await verifier.authenticate(request)
        if platform {
            try identity.requirePlatformAdmin()
            return .platform
        }
        try identity.require(.admin, in: context.parameters.get("tenant") ?? "")
        return .tenant(try RequestParsing.name("tenant", in: context))
    }
}
