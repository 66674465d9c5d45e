import Hummingbird
import KVStore

/// The history of a tenant's set (`shared/spec/API.md`, "History"), read-only:
/// - `GET /v1/tenants/{t}/sets/{set}/versions?after=V&limit=N` → a page of versions, oldest first;
/// - `GET /v1/tenants/{t}/sets/{set}/versions/{v}` → the set's layers as of version `v`;
/// - `GET /v1/tenants/{t}/sets/{set}/diff?from=A&to=B` → what differs between two versions.
///
/// Like config reads they need `ecs:read` on the tenant, are served by any node from its applied
/// state, and honour `consistency=linearizable` (the default) or `local`. The work is done by
/// `SetHistory` in one read transaction.
extension APIServices {
    func listVersions(_ request: Request, context: some RequestContext) async throws -> Response {
        let (tenant, set) = try await authorizeHistoryRead(request, context: context)
        let query = try VersionListQuery(request)
        return try await readHistory(of: tenant, set, request: request, consistency: query.consistency) { history in
            HistoryBodies.page(try history.versions(after: query.after, limit: query.limit))
        }
    }

    func readVersion(_ request: Request, context: some RequestContext) async throws -> Response {
        let (tenant, set) = try await authorizeHistoryRead(request, context: context)
        let version = try RequestParsing.version("version", in: context)
        var reader = QueryReader(request)
        let consistency = reader.consistency()
        guard reader.violations.isEmpty else { throw reader.refusal }
        return try await readHistory(of: tenant, set, request: request, consistency: consistency) { history in
            guard let record = try history.record(version), let layers = try history.layers(asOf: version) else {
                throw Self.unknownVersion(version, of: history, tenant: tenant, set: set)
            }
            return HistoryBodies.layers(layers, of: record)
        }
    }

    func diffVersions(_ request: Request, context: some RequestContext) async throws -> Response {
        let (tenant, set) = try await authorizeHistoryRead(request, context: context)
        let query = try DiffQuery(request)
        return try await readHistory(of: tenant, set, request: request, consistency: query.consistency) { history in
            guard let (from, to) = try history.layers(asOf: query.from, and: query.to) else {
                let unknown = history.contains(query.from) ? query.to : query.from
                throw Self.unknownVersion(unknown, of: history, tenant: tenant, set: set)
            }
            return HistoryBodies.diff(LayerDiff(from: from, to: to))
        }
    }

    /// The tenant and set a history read names, after the 401 / 403 / 400 checks (in that order,
    /// so that a stranger learns nothing about names).
    private func authorizeHistoryRead(
        _ request: Request, context: some RequestContext
    ) async throws(Problem) -> (tenant: String, set: String) {
        let identity = try await verifier.authenticate(request)
        try identity.require(.read, in: context.parameters.get("tenant") ?? "")
        return (try RequestParsing.name("tenant", in: context), try RequestParsing.name("set", in: context))
    }

    /// Runs `read` on the history of (tenant, set) after the read barrier `consistency` asks
    /// for, in one read transaction, and answers its body with the applied index it saw at least
    /// (`X-ECS-Index`). 404 when the tenant does not exist or the set has no version.
    private func readHistory(
        of tenant: String, _ set: String, request: Request, consistency: ReadConsistency,
        _ read: (SetHistory) throws -> JSONValue
    ) async throws -> Response {
        try await readTenantState(of: tenant, request: request, consistency: consistency) { tables, transaction in
            guard let history = try SetHistory(of: .tenant(tenant), set, tables: tables, transaction: transaction)
            else {
                throw Problem.notFound("set '\(set)' of tenant '\(tenant)' has no versions")
            }
            return try read(history)
        }
    }

    /// 404 naming the version the set does not have and the ones it has.
    private static func unknownVersion(
        _ version: UInt64, of history: SetHistory, tenant: String, set: String
    )
        -> Problem
    {
        let newest = history.head.headVersion
        return .notFound(
            "set '\(set)' of tenant '\(tenant)' has no version \(version); its versions are 1 to \(newest)")
    }
}
