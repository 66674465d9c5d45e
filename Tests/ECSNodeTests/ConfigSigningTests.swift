import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ECSNode

/// Issue 5: config reads carry an Ed25519 signature that a client verifies with the region's
/// published key. Everything a client would do is done here without the server's code:
/// `ClientJSON` parses and canonicalizes, swift-crypto verifies.
@Suite("HTTP: signed config reads and GET /v1/keys/signing")
struct ConfigSigningTests {
    private let configURI = "/v1/tenants/acme/config?env=prod&app=web"

    /// Values that exercise the canonical form: escapes, non-ASCII, a `/` in a key, a fraction,
    /// nesting, and a `null` that hides an inherited value.
    private func seed(_ client: some TestClientProtocol) async throws {
        let writer = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        let items = "/v1/tenants/acme/sets/payments/items"
        let writes: [(String, String)] = [
            ("\(items)/retry.max", "3"),
            ("\(items)/retry.max?scope=env:prod", "5"),
            ("\(items)/ratio?scope=env:prod", "0.25"),
            ("\(items)/db/pool", #"{"size": 8, "hosts": ["a", "b"], "tls": true}"#),
            ("\(items)/office", #""Zürich \"HQ\"\n\u0001 €""#),
            ("\(items)/debug", "true"),
            ("\(items)/debug?scope=app:prod/web", "null"),
        ]
        for (uri, body) in writes {
            let status = try await client.send(.put, uri, token: writer, body: body).status
            #expect(status == .created || status == .ok, "\(uri)")
        }
    }

    /// The single key of `GET /v1/keys/signing`, sent without a token.
    private func publishedKey(_ client: some TestClientProtocol) async throws -> (kid: String, key: [UInt8]) {
        let response = try await client.send(.get, "/v1/keys/signing")
        #expect(response.status == .ok)
        let body = try ClientJSON.parse(response.body.readableBytesView)
        guard case .array(let keys)? = body["keys"], keys.count == 1, case .string(let kid)? = keys[0]["kid"],
            case .string(let encoded)? = keys[0]["publicKey"], let key = Data(base64Encoded: encoded)
        else {
            throw TestFailure("unexpected keys body: \(body)")
        }
        #expect(keys[0]["alg"] == .string("Ed25519"))
        return (kid, Array(key))
    }

    @Test("the body is canonical, carries the kid, and its signature verifies with the published key")
    func signatureVerifies() async throws {
        let harness = try APITestHarness()
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        try await harness.application().test(.router) { client in
            try await seed(client)
            let (kid, key) = try await publishedKey(client)
            let response = try await client.send(.get, configURI, token: reader)
            #expect(response.status == .ok)
            let served = Array(response.body.readableBytesView)
            let body = try ClientJSON.parse(served)
            #expect(body["kid"] == .string(kid))
            #expect(body["sets"]?["payments"]?["items"]?["office"] == .string("Zürich \"HQ\"\n\u{01} €"))
            #expect(body["sets"]?["payments"]?["items"]?["debug"] == nil)
            #expect(served == body.canonicalBytes, "the served body is itself canonical JSON")
            #expect(try body.signatureVerifies(with: key))
        }
    }

    @Test("changing any one value, the kid included, breaks the signature")
    func tamperedBodyFails() async throws {
        let harness = try APITestHarness()
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        try await harness.application().test(.router) { client in
            try await seed(client)
            let (_, key) = try await publishedKey(client)
            let body = try ClientJSON.parse(
                try await client.send(.get, configURI, token: reader).body.readableBytesView)
            #expect(try body.signatureVerifies(with: key))

            var changedValue = body
            changedValue["sets"]?["payments"]?["items"]?["retry.max"] = .integer(6)
            #expect(changedValue != body)
            #expect(try !changedValue.signatureVerifies(with: key))
            var changedEnv = body
            changedEnv["env"] = .string("staging")
            #expect(try !changedEnv.signatureVerifies(with: key))
            var changedKid = body
            changedKid["kid"] = .string("0000000000000000")
            #expect(try !changedKid.signatureVerifies(with: key))
        }
    }

    @Test("the keys endpoint needs no token; kid is the first 16 hex digits of SHA-256 of the raw key")
    func keysEndpoint() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            let (kid, key) = try await publishedKey(client)
            #expect(key.count == 32)
            let digest = SHA256.hash(data: key).map { String(format: "%02x", $0) }.joined()
            #expect(kid == String(digest.prefix(16)))
            let withBadToken = try await client.send(.get, "/v1/keys/signing", token: "Bearer not-a-token")
            #expect(withBadToken.status == .ok, "the endpoint does not look at tokens at all")
        }
    }

    @Test("nodes of a region with the same secret publish the same key; another region or secret, another")
    func oneKeyPerRegion() async throws {
        func key(of application: some ApplicationProtocol) async throws -> String {
            try await application.test(.router) { client in try await publishedKey(client).kid }
        }
        let n1 = try APITestHarness(nodeName: "n1")
        let n2 = try APITestHarness(nodeName: "n2")
        let eu = try await key(of: n1.application(region: "eu"))
        #expect(try await key(of: n2.application(region: "eu")) == eu)
        #expect(try await key(of: n1.application(region: "us")) != eu)
        #expect(try await key(of: n1.application(region: "eu", authKey: Array("another-secret".utf8))) != eu)
    }

    @Test("the ETag is the content's: another signing key signs the same content under the same etag")
    func etagIgnoresSignature() async throws {
        let harness = try APITestHarness()
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        func read(
            _ application: some ApplicationProtocol
        ) async throws -> (etag: String?, body: ClientJSON, key: [UInt8]) {
            try await application.test(.router) { client in
                let response = try await client.send(.get, configURI, token: reader)
                let (_, key) = try await publishedKey(client)
                return (response.headers[.eTag], try ClientJSON.parse(response.body.readableBytesView), key)
            }
        }
        try await harness.application().test(.router) { client in try await seed(client) }
        let eu = try await read(harness.application(region: "eu"))
        let us = try await read(harness.application(region: "us"))
        #expect(eu.etag != nil)
        #expect(eu.etag == us.etag)
        #expect(eu.body["etag"] == us.body["etag"])
        #expect(eu.body["signature"] != us.body["signature"])
        #expect(try eu.body.signatureVerifies(with: eu.key))
        #expect(try us.body.signatureVerifies(with: us.key))
        #expect(try !us.body.signatureVerifies(with: eu.key))
    }
}

/// A test precondition that did not hold, with what was found instead.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
