import Foundation
import JWTKit

/// Client tokens as the nodes expect them: HS256 keyed with the bytes of the secret file.
enum AdminToken {
    /// A platform admin token (`tenant: "*"`, every scope), valid for an hour: enough for any
    /// cluster test and every endpoint they touch.
    static func mint(secret: String) async throws -> String {
        let keys = await JWTKeyCollection().add(hmac: HMACKey(from: Array(secret.utf8)), digestAlgorithm: .sha256)
        let claims = Claims(
            sub: SubjectClaim(value: "cluster-tests"), tenant: "*",
            scope: "ecs:read ecs:write ecs:approve ecs:admin",
            exp: ExpirationClaim(value: Date().addingTimeInterval(3600)))
        return try await keys.sign(claims)
    }

    private struct Claims: JWTPayload {
        let sub: SubjectClaim
        let tenant: String
        let scope: String
        let exp: ExpirationClaim

        func verify(using algorithm: some JWTAlgorithm) async throws {
            try exp.verifyNotExpired()
        }
    }
}
