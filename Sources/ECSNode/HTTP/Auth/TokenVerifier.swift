import Admin
import Foundation
import HTTPTypes
import Hummingbird
import JWTKit

/// Checks the `Authorization: Bearer <JWT>` of a request: HS256 with the node's key, then expiry
/// against the node's clock. Any failure is a 401; what the token may do is `Identity`'s
/// business (403).
struct TokenVerifier: Sendable {
    private let keys: JWTKeyCollection
    /// Registers the key; `JWTKeyCollection` is an actor, so that happens asynchronously, and
    /// every verification waits for it first.
    private let keyAdded: Task<Void, Never>
    private let now: @Sendable () -> Date
    private let verified = VerifiedTokenCache()

    init(key: [UInt8], now: @escaping @Sendable () -> Date) {
        let keys = JWTKeyCollection()
        let hmacKey = HMACKey(from: AuthSecret.hmacKey(key))
        self.keys = keys
        self.keyAdded = Task { _ = await keys.add(hmac: hmacKey, digestAlgorithm: .sha256) }
        self.now = now
    }

    /// The identity of `request`'s bearer token, also left in the request's
    /// `AuthenticatedIdentity` slot for the access audit.
    func authenticate(_ request: Request) async throws(Problem) -> Identity {
        guard let header = request.headers[.authorization] else {
            throw .unauthorized("this needs a bearer token (Authorization: Bearer <JWT>)")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw .unauthorized("the Authorization header is not 'Bearer <JWT>'")
        }
        let token = String(parts[1].trimmingOptionalWhitespace)
        let entry: VerifiedTokenCache.Entry
        if let cached = verified.entry(for: token) {
            entry = cached
        } else {
            entry = try await verify(token)
            verified.remember(entry, for: token)
        }
        guard now() < entry.expiresAt else { throw .unauthorized("the token has expired") }
        AuthenticatedIdentity.record(entry.identity)
        return entry.identity
    }

    /// The subject of `request`'s token when the token is valid, `nil` otherwise: who the access
    /// audit records for a request that no route authenticated.
    func verifiedSubject(of request: Request) async -> String? {
        try? await authenticate(request).subject
    }

    /// Checks the signature and the claims of `token`; expiry is left to the caller.
    private func verify(_ token: String) async throws(Problem) -> VerifiedTokenCache.Entry {
        await keyAdded.value
        let claims: TokenClaims
        do {
            claims = try await keys.verify(token, as: TokenClaims.self)
        } catch {
            throw .unauthorized("the token is not valid: its signature, algorithm or claims do not check out")
        }
        let permissions = Set(claims.scope.split(separator: " ").compactMap { Permission(rawValue: String($0)) })
        let identity = Identity(subject: claims.sub.value, tenant: claims.tenant, permissions: permissions)
        return VerifiedTokenCache.Entry(identity: identity, expiresAt: claims.exp.value)
    }
}
