import Crypto
import Foundation

/// The region's Ed25519 key for config reads (issue 5): signs each body, publishes its public half.
///
/// The key is derived, not stored or distributed: HKDF-SHA256 over the bytes of the node's
/// `--auth-secret-file` (the HS256 key of client tokens, trailing whitespace stripped, unpadded)
/// with info `ecs-config-signing-v1/<region>`, expanded to the 32-byte Ed25519 seed. Every node of
/// a region is started with the same secret file, so every node derives the same key and publishes
/// the same `kid`, with no new secret to hand out; another region gets another key even with the
/// same secret. HKDF keeps the two uses apart: a signature or the public key says nothing about
/// the token secret, and the `v1` in the info leaves room for another derivation later.
///
/// The trade-offs: rotating the auth secret rotates the signing key (clients that meet an unknown
/// `kid` refetch `GET /v1/keys/signing`; signatures made before the rotation no longer verify
/// against the published key), and whoever holds the auth secret can sign — but they can mint
/// platform admin tokens anyway. A separately distributed key (or a JWKS with several keys) would
/// lift both, at the cost of one more secret per region.
///
/// Signatures are deterministic with swift-crypto's BoringSSL backend (Linux, RFC 8032) and
/// randomized with CryptoKit (Apple platforms); nothing relies on either, since the `ETag` is a
/// digest of the content (`ResolvedConfig.etag`), never of the signed body.
struct ConfigSigner: Sendable {
    /// The `alg` of the published key.
    static let algorithm = "Ed25519"

    /// The id of the key: the first 16 hex digits of the SHA-256 of the raw public key. Public
    /// and stable: it changes exactly when the key does.
    let kid: String
    /// The raw 32 bytes of the public key.
    let publicKey: [UInt8]
    private let privateKey: Curve25519.Signing.PrivateKey

    init(secret: [UInt8], region: String) {
        let seed = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: secret), info: Array("ecs-config-signing-v1/\(region)".utf8),
            outputByteCount: 32)
        do {
            privateKey = try seed.withUnsafeBytes { try Curve25519.Signing.PrivateKey(rawRepresentation: $0) }
        } catch {
            preconditionFailure("any 32 bytes are an Ed25519 seed, yet swift-crypto refused them: \(error)")
        }
        publicKey = Array(privateKey.publicKey.rawRepresentation)
        kid = SetETag.hex(SHA256.hash(data: publicKey).prefix(8))
    }

    /// `members` with `kid` and `signature` added: the signature is the base64 (standard,
    /// padded) Ed25519 signature over the canonical bytes (RFC 8785) of `members` plus `kid`.
    /// A client verifies by removing `signature` and canonicalizing what is left.
    func signed(_ members: [String: JSONValue]) throws(Problem) -> JSONValue {
        var members = members
        members["kid"] = .string(kid)
        let signature: Data
        do {
            signature = try privateKey.signature(for: JSONValue.object(members).canonicalBytes)
        } catch {
            throw .internalError("the config body could not be signed: \(error)")
        }
        members["signature"] = .string(signature.base64EncodedString())
        return .object(members)
    }

    /// The entry of this key in `GET /v1/keys/signing`.
    var publishedKey: JSONValue {
        [
            "kid": .string(kid), "alg": .string(Self.algorithm),
            "publicKey": .string(Data(publicKey).base64EncodedString()),
        ]
    }
}
