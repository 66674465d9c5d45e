import Hummingbird
import KVStore

extension APIServices {
    /// Answers a read of one tenant's applied state (history, audit): runs the read barrier
    /// `consistency` asks for, then `read` in one read transaction, and answers 200 with its body
    /// and the applied index it saw at least (`X-ECS-Index`); 404 when the tenant does not exist.
    func readTenantState(
        of tenant: String, request: Request, consistency: ReadConsistency,
        _ read: (ConfigTables, ReadTransaction) throws -> JSONValue
    ) async throws -> Response {
        try await readNamespaceState(of: .tenant(tenant), request: request, consistency: consistency, read)
    }

    /// `readTenantState` for either namespace: the platform's always exists, so its reads (its
    /// sets' schemas, its audit trail) answer the same way without a tenant to look up.
    func readNamespaceState(
        of namespace: Namespace, request: Request, consistency: ReadConsistency,
        _ read: (ConfigTables, ReadTransaction) throws -> JSONValue
    ) async throws -> Response {
        let index: UInt64
        switch try await readBarrier(request, consistency: consistency) {
        case .forwarded(let response): return response
        case .local(let applied): index = applied
        }
        let body = try readState { tables, transaction in
            if case .tenant(let tenant) = namespace {
                guard try TenantDirectory(tables: tables).exists(tenant, in: transaction) else {
                    throw Problem.unknownTenant(tenant)
                }
            }
            return try read(tables, transaction)
        }
        var headers = nodeHeaders
        headers[.ecsIndex] = String(index)
        return JSONBody.response(status: .ok, body: body, headers: headers)
    }
}
