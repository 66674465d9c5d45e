import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JWTKit
import Synchronization
import Testing

@testable import ECSNode

@Suite("HTTP: authentication (401) and authorization (403)")
struct AuthTests {
    let write = "/v1/tenants/acme/sets/payments/items/k"
    let read = "/v1/tenants/acme/config?env=prod"

    @Test("no, malformed, forged, unsigned or expired tokens are 401 with WWW-Authenticate")
    func unauthenticated() async throws {
        let harness = try APITestHarness()
        let forged = try await TestTokens.make(
            tenant: "acme", scopes: [.write], key: Array("another-key-that-is-not-the-node-secret".utf8))
        let expired = try await TestTokens.make(tenant: "acme", scopes: [.write], expiresIn: -1)
        let valid = try await TestTokens.make(tenant: "acme", scopes: [.write])
        let unsigned = Self.unsignedCopy(of: valid)
        let headers: [String?] = [
            nil, "Bearer", "Bearer not.a.jwt", "Basic dXNlcjpwYXNz", "Bearer \(forged)", "Bearer \(expired)",
            "Bearer \(unsigned)",
        ]
        try await harness.application().test(.router) { client in
            for header in headers {
                for (method, uri) in [(HTTPRequest.Method.put, write), (.get, read), (.get, "/v1/cluster/status")] {
                    let response = try await client.send(method, uri, token: header, body: method == .put ? "1" : nil)
                    #expect(response.status == .unauthorized, "\(method) \(uri) with \(header ?? "no token")")
                    #expect(response.headers[.wwwAuthenticate] == "Bearer")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
        }
    }

    @Test("another tenant's token, or one without the scope, is 403")
    func forbidden() async throws {
        let harness = try APITestHarness()
        let otherTenant = try await TestTokens.bearer(tenant: "globex", scopes: [.read, .write, .admin])
        let readOnly = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        let writeOnly = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        let tenantAdmin = try await TestTokens.bearer(tenant: "acme", scopes: [.admin, .approve])
        let platformReader = try await TestTokens.bearer(tenant: "*", scopes: [.read])
        try await harness.application().test(.router) { client in
            for token in [otherTenant, readOnly, tenantAdmin, platformReader] {
                #expect(try await client.send(.put, write, token: token, body: "1").status == .forbidden)
                #expect(try await client.send(.delete, write, token: token).status == .forbidden)
            }
            for token in [otherTenant, writeOnly, tenantAdmin] {
                #expect(try await client.send(.get, read, token: token).status == .forbidden)
            }
            for token in [otherTenant, readOnly, writeOnly, tenantAdmin, platformReader] {
                #expect(try await client.send(.get, "/v1/cluster/status", token: token).status == .forbidden)
            }
            let denied = try await client.send(.get, read, token: otherTenant)
            #expect(denied.headers[.contentType] == "application/problem+json")
            #expect(denied["status"] == 403)
        }
    }

    @Test("the right scope on the right tenant is allowed; the platform admin may do everything")
    func allowed() async throws {
        let harness = try APITestHarness()
        let writer = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        let platformReader = try await TestTokens.bearer(tenant: "*", scopes: [.read])
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client async throws in
            #expect(try await client.send(.put, write, token: writer, body: "1").status == .created)
            #expect(try await client.send(.put, write, token: admin, body: "2").status == .ok)
            #expect(try await client.send(.get, read, token: reader).status == .ok)
            #expect(try await client.send(.get, read, token: platformReader).status == .ok)
            #expect(try await client.send(.get, read, token: admin).status == .ok)
            #expect(try await client.send(.get, "/v1/cluster/status", token: admin).status == .ok)
            #expect(try await client.send(.delete, write, token: admin).status == .ok)
        }
    }

    @Test("/healthz and /readyz need no token")
    func openEndpoints() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client async throws in
            #expect(try await client.send(.get, "/healthz").status == .ok)
            #expect(try await client.send(.get, "/readyz").status == .ok)
        }
    }

    /// The same claims with `alg: none` and no signature: must never be accepted.
    private static func unsignedCopy(of token: String) -> String {
        let parts = token.split(separator: ".")
        return ForeignJWT.base64URL(Array(#"{"alg":"none","typ":"JWT"}"#.utf8)) + ".\(parts[1])."
    }
}

@Suite("Tokens minted elsewhere")
struct ForeignTokenTests {
    @Test("a token signed with a short raw secret by another implementation verifies")
    func shortSecret() async throws {
        let secret = Array("short".utf8)
        let token = ForeignJWT.hs256(
            claims: #"{"sub":"ops","tenant":"acme","scope":"ecs:read","exp":1900000000}"#, key: secret)
        let verifier = TokenVerifier(key: secret, now: { TestTokens.now })
        let identity = try await verifier.authenticate(bearerRequest(token))
        #expect(identity == Identity(subject: "ops", tenant: "acme", permissions: [.read]))
    }
}

@Suite("Verified tokens are remembered")
struct VerifiedTokenCacheTests {
    @Test("a token verified once is still refused once it expires, and a forged twin never passes")
    func cachedTokenExpires() async throws {
        let secret = Array("a-secret-of-some-length-for-hs256".utf8)
        let token = ForeignJWT.hs256(
            claims: #"{"sub":"ops","tenant":"acme","scope":"ecs:read","exp":1800000100}"#, key: secret)
        let clock = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        let verifier = TokenVerifier(key: secret, now: { clock.withLock { $0 } })
        _ = try await verifier.authenticate(bearerRequest(token))
        _ = try await verifier.authenticate(bearerRequest(token))
        let forged = String(token.dropLast(2)) + (token.hasSuffix("AA") ? "BB" : "AA")
        await #expect(throws: Problem.self) { try await verifier.authenticate(bearerRequest(forged)) }
        clock.withLock { $0 = Date(timeIntervalSince1970: 1_800_000_101) }
        await #expect(throws: Problem.self) { try await verifier.authenticate(bearerRequest(token)) }
    }
}

@Suite("The identity a request's route authenticated")
struct AuthenticatedIdentityTests {
    @Test("authenticating fills the request's slot only when the token checks out, and never another request's")
    func slot() async throws {
        let verifier = TokenVerifier(key: TestTokens.key, now: { TestTokens.now })
        let valid = try await TestTokens.make(subject: "reader", tenant: "acme", scopes: [.read])
        let expired = try await TestTokens.make(tenant: "acme", scopes: [.read], expiresIn: -1)
        let (authenticated, refused, untouched) = (
            AuthenticatedIdentity(), AuthenticatedIdentity(), AuthenticatedIdentity()
        )
        try await AuthenticatedIdentity.$slot.withValue(authenticated) {
            _ = try await verifier.authenticate(bearerRequest(valid))
        }
        await AuthenticatedIdentity.$slot.withValue(refused) {
            await #expect(throws: Problem.self) { try await verifier.authenticate(bearerRequest(expired)) }
        }
        _ = try await verifier.authenticate(bearerRequest(valid))
        #expect(authenticated.value == Identity(subject: "reader", tenant: "acme", permissions: [.read]))
        #expect(refused.value == nil && untouched.value == nil)
    }
}

/// A JWT built by hand, as another implementation (a script, another language) would build one.
enum ForeignJWT {
    static func hs256(claims: String, key: [UInt8]) -> String {
        let signingInput = base64URL(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8)) + "." + base64URL(Array(claims.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: SymmetricKey(data: key))
        return signingInput + "." + base64URL(Array(mac))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
