import Foundation
import HTTPTypes
import Hummingbird
import JWTKit

@testable import ECSNode

/// Mints client tokens the way `ecsctl token` will: HS256 over `TokenClaims`.
enum TestTokens {
    /// The HS256 key every test node uses.
    static let key = Array("a-test-secret-for-the-ecs-node-tests".utf8)
    /// The fixed "now" of test nodes, so expiry is deterministic.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func make(
        subject: String = "alice", tenant: String, scopes: [Permission], expiresIn: TimeInterval = 3600,
        key: [UInt8] = TestTokens.key
    ) async throws -> String {
        let keys = await JWTKeyCollection().add(hmac: HMACKey(from: key), digestAlgorithm: .sha256)
        let claims = TokenClaims(
            sub: SubjectClaim(value: subject), tenant: tenant, scope: scopes.map(\.rawValue).joined(separator: " "),
            exp: ExpirationClaim(value: now.addingTimeInterval(expiresIn)))
        return try await keys.sign(claims)
    }

    /// `Authorization: Bearer …` for a token of `tenant` with `scopes`.
    static func bearer(tenant: String, scopes: [Permission], subject: String = "alice") async throws -> String {
        "Bearer " + (try await make(subject: subject, tenant: tenant, scopes: scopes))
    }

    /// The platform admin: tenant `*` with `ecs:admin`.
    static func platformAdmin() async throws -> String {
        try await bearer(tenant: "*", scopes: [.admin])
    }
}

/// A bare `GET /` carrying `Authorization: Bearer <token>`, for tests that hand a request to a
/// `TokenVerifier` without a server.
func bearerRequest(_ token: String) -> Request {
    let head = HTTPRequest(
        method: .get, scheme: "http", authority: "node", path: "/", headerFields: [.authorization: "Bearer \(token)"])
    return Request(head: head, body: .init(buffer: .init()))
}
