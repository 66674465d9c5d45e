import JWTKit

/// The claims of an ECS client token (`shared/spec/API.md`, "Auth"): `sub` (the actor),
/// `tenant` (a tenant id, or `*` for the platform), `scope` (space-separated permissions) and
/// `exp`. The node verifies them; `ecsctl token` mints them with the same names.
struct TokenClaims: JWTPayload, Equatable {
    var sub: SubjectClaim
    var tenant: String
    var scope: String
    var exp: ExpirationClaim

    /// The claim value of `tenant` that means every tenant (the platform).
    static let everyTenant = "*"

    /// Expiry is checked by `TokenVerifier` against the node's clock, which tests can set; the
    /// signature by jwt-kit.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// One permission a token's `scope` claim can grant.
enum Permission: String, Sendable {
    /// Resolved reads and watch.
    case read = "ecs:read"
    /// Item writes and drafts.
    case write = "ecs:write"
    /// Approving someone else's draft.
    case approve = "ecs:approve"
    /// Schema, policy and audit of a tenant; with tenant `*`, the platform admin.
    case admin = "ecs:admin"
}
