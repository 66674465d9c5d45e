import JWTKit

/// The claims of an ECS client token (`shared/spec/API.md`, "Auth"): `sub` (the actor),
/// `tenant` (a tenant id, or `*` for the platform), `scope` (space-separated permissions) and
/// `exp`. The node verifies them; `ecsctl token` mints them with the same names.
public struct TokenClaims: JWTPayload, Equatable {
    public var sub: SubjectClaim
    public var tenant: String
    public var scope: String
    public var exp: ExpirationClaim

    /// The claim value of `tenant` that means every tenant (the platform).
    public static let everyTenant = "*"

    /// Expiry is checked by `TokenVerifier` against the node's clock, which tests can set; the
    /// signature by jwt-kit.
    public func verify(using algorithm: some JWTAlgorithm) async throws {}

    public init(sub: SubjectClaim, tenant: String, scope: String, exp: ExpirationClaim) {
        self.sub = sub
        self.tenant = tenant
        self.scope = scope
        self.exp = exp
    }
}

/// One permission a token's `scope` claim can grant.
public enum Permission: String, Sendable, CaseIterable {
    /// Resolved reads and watch.
    case read = "ecs:read"
    /// Item writes and drafts.
    case write = "ecs:write"
    /// Approving someone else's draft.
    case approve = "ecs:approve"
    /// Schema, policy and audit of a tenant; with tenant `*`, the platform admin.
    case admin = "ecs:admin"
}
