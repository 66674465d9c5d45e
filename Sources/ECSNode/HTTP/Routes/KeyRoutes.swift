import Hummingbird

/// `GET /v1/keys/signing` (no token): the public key that signs this region's config reads, so a
/// client can verify a body's `signature` without trusting the connection it came over.
///
/// One key per region (`ConfigSigner`); the list form leaves room for publishing the next key
/// beside the current one during a rotation.
extension APIServices {
    func signingKeys() -> Response {
        JSONBody.response(status: .ok, body: ["keys": [signer.publishedKey]], headers: nodeHeaders)
    }
}
