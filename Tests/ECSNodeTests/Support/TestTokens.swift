import Admin
import Foundation
import HTTPTypes
import Hummingbird
import JWTKit

@testable import ECSNode

/// Mints client tokens with `ecsctl token`'s minter (`Admin.TokenMinter`).
enum TestTokens {
    /// The HS256 key every test node uses.
    static let key = Array("a-test-secret-for-the-ecs-node-tests".utf8)
    /// The fixed "now" of test nodes, so expiry is deterministic.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func make(
        subject: String = "alice", tenant: String, scopes: [Permission], expiresIn: TimeInterval = 3600,
        key: [UInt8] = TestTokens.key
    ) async throws -> String {
        try await TokenMinter(secret: key).mint(
            subject: subject, tenant: tenant, permissions: scopes, expiry: now.addingTimeInterval(expiresIn))
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
