import Foundation
import JWTKit

/// Mints client tokens (HS256 JWTs with `sub`, `tenant`, `scope`, `exp`) that a region's nodes
/// accept: what `ecsctl token` prints, and what the tests and scripts use instead of
/// hand-rolled JWTs.
public struct TokenMinter: Sendable {
    private let keys: JWTKeyCollection

    /// A minter signing with `secret` (see `AuthSecret`).
    public init(secret: [UInt8]) async {
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: AuthSecret.hmacKey(secret)), digestAlgorithm: .sha256)
    }

    /// A token for `subject`, valid for `tenant` (`*`: the platform) with `permissions`, until
    /// `expiry` rounded down to a whole second: `exp` is a JWT NumericDate, and verifiers other
    /// than ours may refuse a fraction (or read it as a later second than was asked for).
    public func mint(
        subject: String, tenant: String, permissions: [Permission], expiry: Date
    ) async throws -> String {
        let claims = TokenClaims(
            sub: SubjectClaim(value: subject), tenant: tenant,
            scope: permissions.map(\.rawValue).joined(separator: " "),
            exp: ExpirationClaim(value: Date(timeIntervalSince1970: expiry.timeIntervalSince1970.rounded(.down))))
        return try await keys.sign(claims)
    }
}
