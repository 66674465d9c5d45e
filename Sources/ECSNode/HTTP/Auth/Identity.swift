import Admin

/// Who a verified token speaks for, and what it may do. Deny by default: only the checks below
/// grant anything.
struct Identity: Equatable, Sendable {
    /// The `sub` claim, recorded as the author of what this identity writes.
    var subject: String
    /// The `tenant` claim: a tenant id or `*`.
    var tenant: String
    var permissions: Set<Permission>

    /// Tenant `*` with `ecs:admin`: tenants, platform layers, cluster endpoints and everything of
    /// every tenant.
    var isPlatformAdmin: Bool {
        tenant == TokenClaims.everyTenant && permissions.contains(.admin)
    }

    /// Whether this identity may do what `permission` covers in `tenant`. A `*` token covers
    /// every tenant, still limited to its scopes; the platform admin may do everything.
    func may(_ permission: Permission, in tenant: String) -> Bool {
        if isPlatformAdmin { return true }
        guard self.tenant == tenant || self.tenant == TokenClaims.everyTenant else { return false }
        return permissions.contains(permission)
    }

    /// Throws 403 unless `may(permission, in: tenant)`.
    func require(_ permission: Permission, in tenant: String) throws(Problem) {
        guard may(permission, in: tenant) else {
            throw .forbidden("this token does not grant \(permission.rawValue) on tenant '\(tenant)'")
        }
    }

    /// Throws 403 unless this is the platform admin.
    func requirePlatformAdmin() throws(Problem) {
        guard isPlatformAdmin else { throw .forbidden("this needs a platform admin token (tenant \"*\", ecs:admin)") }
    }
}
