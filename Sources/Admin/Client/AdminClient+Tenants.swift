/// The tenant directory (`shared/spec/API.md`, "Tenants").
extension AdminClient {
    /// Every tenant of the region.
    public func listTenants() async throws(AdminError) -> AdminReply<[Tenant]> {
        try await call(.get, "/v1/tenants", as: TenantList.self).map(\.tenants)
    }

    /// The tenant `name`; a 404 problem when it does not exist.
    public func tenant(_ name: String) async throws(AdminError) -> AdminReply<Tenant> {
        try await call(.get, "/v1/tenants/\(Self.segment(name))")
    }

    /// Creates the tenant `name`, or replaces its settings when it exists. A nil `homeRegion` or
    /// `residency` takes the node's default (its own region; `strict`), for an existing tenant
    /// too: a `PUT` states every setting.
    public func putTenant(
        _ name: String, edition: String, homeRegion: String?, residency: Tenant.Residency?
    ) async throws(AdminError) -> AdminReply<TenantChange> {
        let settings = TenantSettings(edition: edition, homeRegion: homeRegion, residency: residency?.rawValue)
        let reply = try await call(
            .put, "/v1/tenants/\(Self.segment(name))", body: Self.json(settings), as: StoredTenant.self)
        return reply.map { TenantChange(tenant: $0.tenant, created: reply.status == 201, index: $0.index) }
    }
}

/// The body of `GET /v1/tenants`.
private struct TenantList: Decodable {
    var tenants: [Tenant]
}

/// The body of `PUT /v1/tenants/{tenant}`; nil members are left out.
private struct TenantSettings: Encodable {
    var edition: String
    var homeRegion: String?
    var residency: String?
}

/// The answer to `PUT /v1/tenants/{tenant}`: the tenant and the index that committed it.
private struct StoredTenant: Decodable {
    var tenant: Tenant
    var index: UInt64

    init(from decoder: any Decoder) throws {
        tenant = try Tenant(from: decoder)
        index = try decoder.container(keyedBy: CodingKeys.self).decode(UInt64.self, forKey: .index)
    }

    enum CodingKeys: String, CodingKey {
        case index
    }
}
