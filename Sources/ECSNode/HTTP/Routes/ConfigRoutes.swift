import Foundation
import Hummingbird

/// `GET /v1/tenants/{t}/config`: the effective configuration of one env (and app), resolved
/// from this node's applied state after the freshness the client asked for.
extension APIServices {
    func readConfig(_ request: Request, context: some RequestContext) async throws -> Response {
        let identity = try await verifier.authenticate(request)
        try identity.require(.read, in: context.parameters.get("tenant") ?? "")
        let tenant = try RequestParsing.name("tenant", in: context)
        let parameters = try ConfigReadParameters(request, tenant: tenant)

        var index: UInt64 = 0
        if let minIndex = parameters.minIndex {
            do {
                index = try await consensus.waitUntilApplied(minIndex, timeout: parameters.timeout)
            } catch {
                throw Problem.unavailable("this node has not applied index \(minIndex) yet: \(error)")
            }
        }
        switch try await readBarrier(request, consistency: parameters.consistency) {
        case .forwarded(let response): return response
        case .local(let barrierIndex): index = max(index, barrierIndex)
        }
        let (query, resolved) = try resolve(parameters.query)
        let etag = resolved.etag(for: query)

        var headers = nodeHeaders
        headers[.ecsIndex] = String(index)
        headers[.eTag] = EntityTags.quoted(etag)
        if let header = request.headers[.ifNoneMatch], Self.matches(header, etag: etag) {
            return Response(status: .notModified, headers: headers)
        }
        let members = Self.body(
            resolved, query: query, index: index, etag: etag,
            issuedAt: dependencies.now(), ttlSeconds: dependencies.configTTLSeconds)
        return JSONBody.response(status: .ok, body: try signer.signed(members), headers: headers)
    }

    /// Resolves `query` in one read transaction of the current state environment, with the
    /// tenant's edition; 404 when the tenant does not exist.
    private func resolve(_ query: ConfigQuery) throws -> (ConfigQuery, ResolvedConfig) {
        try readState { tables, transaction in
            guard let tenant = try TenantDirectory(tables: tables).tenant(query.tenant, in: transaction) else {
                throw Problem.unknownTenant(query.tenant)
            }
            var query = query
            query.edition = tenant.edition
            return (query, try ConfigResolver(tables: tables, transaction: transaction).resolve(query))
        }
    }

    private static func matches(_ header: String, etag: String) -> Bool {
        switch EntityTags.parse(header) {
        case .any: true
        case .tags(let tags): tags.contains(etag)
        case nil: false
        }
    }

    /// The members of the response body before signing:
    /// `{"tenant","env","app","edition","index","etag","issuedAt","ttlSeconds","sets"}`
    /// (`ConfigSigner` adds `kid` and `signature`).
    static func body(
        _ resolved: ResolvedConfig, query: ConfigQuery, index: UInt64, etag: String, issuedAt: Date, ttlSeconds: Int
    ) -> [String: JSONValue] {
        var sets: [String: JSONValue] = [:]
        for (name, set) in resolved.sets {
            sets[name] = ["version": .integer(Int64(clamping: set.version)), "items": .object(set.items)]
        }
        return [
            "tenant": .string(query.tenant),
            "env": .string(query.env),
            "app": query.app.map(JSONValue.string) ?? .null,
            "edition": query.edition.map(JSONValue.string) ?? .null,
            "index": .integer(Int64(clamping: index)),
            "etag": .string(etag),
            "issuedAt": .string(issuedAt.formatted(.iso8601)),
            "ttlSeconds": .integer(Int64(ttlSeconds)),
            "sets": .object(sets),
        ]
    }
}
