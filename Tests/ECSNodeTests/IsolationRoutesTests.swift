import HTTPTypes
import HummingbirdTesting
import PeerTransport
import Testing

@testable import ECSNode

@Suite("HTTP: POST /v1/cluster/isolate")
struct IsolationRoutesTests {
    private let isolate = "/v1/cluster/isolate"

    @Test("isolating answers every client request 503 + Retry-After but status, healthz and isolate; 0 ends it")
    func isolateAndEnd() async throws {
        let harness = try APITestHarness()
        var dependencies = harness.dependencies()
        let isolation = PeerIsolation()
        dependencies.isolation = isolation
        let admin = try await TestTokens.platformAdmin()
        try await harness.application(with: dependencies).test(.router) { client in
            #expect(try await client.send(.get, "/v1/tenants", token: admin).status == .ok)

            let started = try await client.send(.post, isolate, token: admin, body: #"{"seconds": 120}"#)
            #expect(started.status == .ok)
            #expect(try started.json == ["node": "n1", "isolated": true, "seconds": 120])
            #expect(isolation.isActive)

            for uri in ["/v1/tenants", "/readyz", "/v1/tenants/acme/config?env=prod"] {
                let refused = try await client.send(.get, uri, token: admin)
                #expect(refused.status == .serviceUnavailable, "\(uri)")
                #expect(refused.headers[.contentType] == "application/problem+json")
                let retryAfter = try #require(refused.headers[.retryAfter].flatMap { Int($0) })
                #expect((110...120).contains(retryAfter), "Retry-After is the isolation's time left")
            }
            #expect(try await client.send(.get, "/healthz").status == .ok)
            let status = try await client.send(.get, "/v1/cluster/status", token: admin)
            #expect(status.status == .ok)

            let ended = try await client.send(.post, isolate, token: admin, body: #"{"seconds": 0}"#)
            #expect(try ended.json == ["node": "n1", "isolated": false, "seconds": 0])
            #expect(!isolation.isActive)
            #expect(try await client.send(.get, "/v1/tenants", token: admin).status == .ok)
        }
    }

    @Test("only the platform admin may isolate a node: 401 without a token, 403 for anyone else")
    func adminOnly() async throws {
        let harness = try APITestHarness()
        var dependencies = harness.dependencies()
        let isolation = PeerIsolation()
        dependencies.isolation = isolation
        let tenantAdmin = try await TestTokens.bearer(tenant: "acme", scopes: [.admin, .write, .read])
        let everyTenantWriter = try await TestTokens.bearer(tenant: "*", scopes: [.write, .read])
        let body = #"{"seconds": 10}"#
        try await harness.application(with: dependencies).test(.router) { client in
            let anonymous = try await client.send(.post, isolate, body: body)
            #expect(anonymous.status == .unauthorized)
            for token in [tenantAdmin, everyTenantWriter] {
                let refused = try await client.send(.post, isolate, token: token, body: body)
                #expect(refused.status == .forbidden)
                #expect(refused.headers[.contentType] == "application/problem+json")
            }
        }
        #expect(!isolation.isActive)
    }

    @Test(
        "a body that is not {\"seconds\": 0...300} is a 400",
        arguments: [
            ("not json", nil), ("[10]", nil), ("{}", "seconds"), (#"{"seconds": null}"#, "seconds"),
            (#"{"seconds": -1}"#, "seconds"), (#"{"seconds": 301}"#, "seconds"), (#"{"seconds": 1.5}"#, "seconds"),
            (#"{"seconds": "10"}"#, "seconds"), (#"{"seconds": 10, "node": "n2"}"#, "node"),
        ] as [(String, String?)])
    func badBodies(body: String, path: String?) async throws {
        let harness = try APITestHarness()
        var dependencies = harness.dependencies()
        let isolation = PeerIsolation()
        dependencies.isolation = isolation
        let admin = try await TestTokens.platformAdmin()
        try await harness.application(with: dependencies).test(.router) { client in
            let response = try await client.send(.post, isolate, token: admin, body: body)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            if let path { #expect(try response.json["violations"]?.containsPath(path) == true) }
        }
        #expect(!isolation.isActive)
    }

    @Test("an isolation ends by itself when its time is up; a replaced one's timer lifts nothing")
    func expiresByTimer() async throws {
        let isolation = PeerIsolation()
        isolation.begin(for: .seconds(60))
        let remaining = try #require(isolation.remaining)
        #expect(remaining > .seconds(59) && remaining <= .seconds(60))

        let started = ContinuousClock.now
        isolation.begin(for: .milliseconds(100))
        isolation.begin(for: .seconds(1))
        #expect(isolation.isActive)
        _ = try await poll("the isolation to expire", timeout: .seconds(10)) { isolation.isActive ? nil : true }
        #expect(ContinuousClock.now - started >= .seconds(1), "the replaced 100 ms timer ended the newer isolation")
        #expect(isolation.remaining == nil)
    }
}
