import Hummingbird
import KVStore

/// The tenant directory of the region (`shared/spec/API.md`, "Tenants"):
/// - `PUT /v1/tenants/{tenant}` `{"edition", "homeRegion"?, "residency"?}` → 201 new / 200 updated
///   (platform admin). `homeRegion` defaults to the region of the node the client called (the
///   first of the request's region trail, since a region relays tenant writes to the platform
///   region), `residency` to `strict`: a tenant's data stays home unless someone chose otherwise.
/// - `GET /v1/tenants/{tenant}` (platform admin, or a token of that tenant) and `GET /v1/tenants`
///   (platform admin) → `{"tenant", "edition", "homeRegion", "residency", "createdAt"}`.
///
/// Reads are linearizable: a tenant created through any node is visible at once through every other.
extension APIServices {
    func putTenant(_ request: Request, context: some RequestContext) async throws -> Response {
        let identity = try await verifier.authenticate(request)
        try identity.requirePlatformAdmin()
        let name = try RequestParsing.name("tenant", in: context)
        let body = try await RequestParsing.body(of: request, limit: dependencies.maximumBodyBytes)
        let put = try tenantPut(name, from: RequestParsing.jsonValue(body), calledIn: request)
        return try await proposeCommand(
            .putTenant(put), by: identity, request: request, body: body,
            expecting: { if case .tenant(let receipt) = $0 { receipt } else { nil } }
        ) { receipt in
            var json = Self.tenantJSON(receipt.record)
            json["index"] = .integer(Int64(clamping: receipt.index))
            return JSONBody.response(
                status: receipt.created ? .created : .ok, body: .object(json), headers: nodeHeaders)
        }
    }

    func getTenant(_ request: Request, context: some RequestContext) async throws -> Response {
        let identity = try await verifier.authenticate(request)
        let name = context.parameters.get("tenant") ?? ""
        guard identity.isPlatformAdmin || identity.tenant == name else {
            throw Problem.forbidden("this needs a platform admin token or a token of tenant '\(name)'")
        }
        _ = try RequestParsing.name("tenant", in: context)
        if case .forwarded(let response) = try await readBarrier(request) { return response }
        guard let record = try readTenants({ directory, transaction in try directory.tenant(name, in: transaction) })
        else {
            throw Problem.notFound("tenant '\(name)' does not exist")
        }
        return JSONBody.response(status: .ok, body: .object(Self.tenantJSON(record)), headers: nodeHeaders)
    }

    func listTenants(_ request: Request) async throws -> Response {
        try await verifier.authenticate(request).requirePlatformAdmin()
        if case .forwarded(let response) = try await readBarrier(request) { return response }
        let records = try readTenants { directory, transaction in try directory.all(in: transaction) }
        let body: JSONValue = ["tenants": .array(records.map { .object(Self.tenantJSON($0)) })]
        return JSONBody.response(status: .ok, body: body, headers: nodeHeaders)
    }

    /// Runs `read` with the tenant directory in one read transaction of the current state.
    private func readTenants<T>(_ read: (TenantDirectory, ReadTransaction) throws -> T) throws -> T {
        try readState { tables, transaction in try read(TenantDirectory(tables: tables), transaction) }
    }

    /// The settings in a `PUT` body. What the body leaves out keeps the tenant's current
    /// setting, or takes its default for a new tenant: as home the region the client called (the
    /// first of the forwarding trail, else this node's), `strict` residency. A home region must be
    /// one this node knows (its own or one of `--region-seeds`).
    private func tenantPut(_ name: String, from json: JSONValue, calledIn request: Request) throws -> TenantPut {
        let members = try JSONObjectBody.object(json, allowed: ["edition", "homeRegion", "residency"])
        guard case .string(let edition)? = members["edition"] else {
            throw JSONObjectBody.invalid("edition", code: "required", "edition is required, a name such as \"pro\"")
        }
        let existing = try readTenants { directory, transaction in try directory.tenant(name, in: transaction) }
        var homeRegion = existing?.homeRegion ?? RegionForwarder.trail(of: request).first ?? dependencies.region
        switch members["homeRegion"] {
        case nil, .null?: break
        case .string(let region)? where dependencies.regions.names.contains(region): homeRegion = region
        case .string(let region)?:
            throw JSONObjectBody.invalid(
                "homeRegion", code: "unknown-region",
                "region \(region) is not known here (known: \(dependencies.regions.names.joined(separator: ", ")))")
        default: throw JSONObjectBody.invalid("homeRegion", code: "invalid-type", "homeRegion must be a region name")
        }
        var residency = existing?.residency ?? .strict
        switch members["residency"] {
        case nil, .null?: break
        case .string(let text)? where Residency(rawValue: text) != nil: residency = Residency(rawValue: text)!
        default:
            throw JSONObjectBody.invalid(
                "residency", code: "invalid-value", "residency is \"strict\" or \"replicated\"")
        }
        let put = TenantPut(tenant: name, edition: edition, homeRegion: homeRegion, residency: residency)
        let violations = put.violations
        guard violations.isEmpty else {
            throw Problem.badRequest("the tenant settings are invalid", violations: violations)
        }
        return put
    }

    /// The API form of a tenant.
    static func tenantJSON(_ record: TenantRecord) -> [String: JSONValue] {
        [
            "tenant": .string(record.tenant), "edition": .string(record.edition),
            "homeRegion": .string(record.homeRegion), "residency": .string(record.residency.rawValue),
            "createdAt": .string(RecordTime.text(milliseconds: record.createdAt)),
        ]
    }
}
