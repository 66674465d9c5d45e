/// `ecsctl tenants list|show|create` for people.
public enum TenantReport {
    /// One row per tenant, or a sentence when there is none.
    public static func text(_ tenants: [Tenant]) -> String {
        guard !tenants.isEmpty else { return "no tenants" }
        return TextTable(
            columns: [.init("TENANT"), .init("EDITION"), .init("HOME"), .init("RESIDENCY"), .init("CREATED")],
            rows: tenants.map { [$0.name, $0.edition, $0.homeRegion, $0.residency.rawValue, $0.createdAt] }
        ).text
    }

    /// One tenant's settings as labelled fields.
    public static func text(_ tenant: Tenant) -> String {
        TextTable.fields([
            "tenant": tenant.name, "edition": tenant.edition, "home region": tenant.homeRegion,
            "residency": tenant.residency.rawValue, "created": tenant.createdAt,
        ]).text
    }
}
