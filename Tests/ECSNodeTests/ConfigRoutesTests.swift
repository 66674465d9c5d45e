import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: GET /v1/tenants/{t}/config")
struct ConfigRoutesTests {
    /// Writes a few layers through the API.
    private func seed(_ client: some TestClientProtocol) async throws {
        let writer = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        let admin = try await TestTokens.platformAdmin()
        let items = "/v1/tenants/acme/sets/payments/items"
        #expect(
            try await client.send(
                .put, "/v1/platform/sets/payments/items/timeout?scope=global", token: admin, body: "5"
            ).status == .created)
        #expect(try await client.send(.put, "\(items)/retry.max", token: writer, body: "3").status == .created)
        #expect(
            try await client.send(.put, "\(items)/retry.max?scope=env:prod", token: writer, body: "5").status == .ok)
        #expect(try await client.send(.put, "\(items)/debug?scope=env:prod", token: writer, body: "true").status == .ok)
        #expect(
            try await client.send(.put, "\(items)/debug?scope=app:prod/web", token: writer, body: "null").status == .ok)
        #expect(
            try await client.send(.put, "/v1/tenants/acme/sets/billing/items/currency", token: writer, body: #""EUR""#)
                .status == .created)
    }

    @Test("the body carries the resolved sets and the read's identity; the headers its index, node and region")
    func resolvedRead() async throws {
        let harness = try APITestHarness()
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        try await harness.application().test(.router) { client in
            try await seed(client)
            let response = try await client.send(.get, "/v1/tenants/acme/config?env=prod&app=web", token: reader)
            #expect(response.status == .ok)
            let body = try response.json
            #expect(body["tenant"] == "acme")
            #expect(body["env"] == "prod")
            #expect(body["app"] == "web")
            #expect(body["edition"] == "pro")
            #expect(body["index"] == 6)
            #expect(body["ttlSeconds"] == 30)
            #expect(body["issuedAt"] == "2027-01-15T08:00:00Z")
            #expect(
                body["sets"] == [
                    "payments": ["version": 4, "items": ["retry.max": 5, "timeout": 5]],
                    "billing": ["version": 1, "items": ["currency": "EUR"]],
                ])
            guard case .string(let etag)? = body["etag"] else {
                Issue.record("no etag")
                return
            }
            #expect(response.headers[.eTag] == "\"\(etag)\"")
            #expect(response.headers[.ecsIndex] == "6")
            #expect(response.headers[.ecsNode] == "n1")
            #expect(response.headers[.ecsRegion] == "eu")

            let noApp = try await client.send(.get, "/v1/tenants/acme/config?env=prod", token: reader)
            #expect(try noApp.json["app"] == .null)
            #expect(try noApp.json["sets"]?["payments"]?["items"]?["debug"] == true)
        }
    }

    @Test("sets= and keys= narrow the answer")
    func filters() async throws {
        let harness = try APITestHarness()
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        try await harness.application().test(.router) { client in
            try await seed(client)
            let response = try await client.send(
                .get, "/v1/tenants/acme/config?env=prod&sets=payments&keys=retry.*", token: reader)
            #expect(try response.json["sets"] == ["payments": ["version": 4, "items": ["retry.max": 5]]])
        }
    }

    @Test("If-None-Match with the current etag is 304 without a body; any write makes it 200 again")
    func notModified() async throws {
        let harness = try APITestHarness()
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        let writer = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        let uri = "/v1/tenants/acme/config?env=prod"
        try await harness.application().test(.router) { client in
            try await seed(client)
            let first = try await client.send(.get, uri, token: reader)
            let etag = try #require(first.headers[.eTag])
            for condition in [etag, "W/\(etag)", "\"other\", \(etag)", "*"] {
                let again = try await client.send(.get, uri, token: reader, headers: [.ifNoneMatch: condition])
                #expect(again.status == .notModified, "\(condition)")
                #expect(again.body.readableBytes == 0)
                #expect(again.headers[.eTag] == etag)
                #expect(again.headers[.ecsIndex] != nil)
            }
            _ = try await client.send(.put, "/v1/tenants/acme/sets/payments/items/new", token: writer, body: "1")
            let changed = try await client.send(.get, uri, token: reader, headers: [.ifNoneMatch: etag])
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] != etag)
        }
    }

    @Test(
        "bad query parameters are 400 with a violation naming each",
        arguments: [
            ("", "env"), ("env=Prod", "env"), ("env=prod&app=web_1", "app"), ("env=prod&sets=a,,b", "sets"),
            ("env=prod&keys=a*b", "keys"), ("env=prod&consistency=eventual", "consistency"),
            ("env=prod&minIndex=-1", "minIndex"), ("env=prod&minIndex=1&timeoutMs=99999999", "timeoutMs"),
            ("env=prod&timeoutMs=soon", "timeoutMs"),
        ])
    func badParameters(query: String, path: String) async throws {
        let harness = try APITestHarness()
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        try await harness.application().test(.router) { client in
            let response = try await client.send(.get, "/v1/tenants/acme/config?\(query)", token: reader)
            #expect(response.status == .badRequest)
            guard case .array(let violations)? = response["violations"] else {
                Issue.record("no violations")
                return
            }
            #expect(violations.contains { $0["path"] == .string(path) })
        }
    }

    @Test("an unknown tenant is 404, a write to it too; an invalid tenant name is 400")
    func tenants() async throws {
        let harness = try APITestHarness()
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            let unknown = try await client.send(.get, "/v1/tenants/nobody/config?env=prod", token: admin)
            #expect(unknown.status == .notFound)
            #expect(try unknown.json["type"] == "urn:ecs:problem:unknown-tenant")
            guard case .string(let detail)? = try unknown.json["detail"] else {
                Issue.record("a 404 without detail")
                return
            }
            #expect(detail.contains("PUT /v1/tenants/nobody"))
            let write = try await client.send(
                .put, "/v1/tenants/nobody/sets/s/items/k?scope=tenant", token: admin, body: "1")
            #expect(write.status == .notFound)
            #expect(try write.json["type"] == "urn:ecs:problem:unknown-tenant")
            #expect(
                try await client.send(.get, "/v1/tenants/No_Body/config?env=prod", token: admin).status == .badRequest)
        }
    }

    @Test("linearizable reads need the read barrier; local reads do not")
    func consistency() async throws {
        let harness = try APITestHarness()
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        try await harness.application().test(.router) { client in
            try await seed(client)
            harness.consensus.failReadBarriers(with: .unavailable(reason: "no quorum"))
            let linearizable = try await client.send(.get, "/v1/tenants/acme/config?env=prod", token: reader)
            #expect(linearizable.status == .serviceUnavailable)
            #expect(linearizable.headers[.retryAfter] == "1")
            let local = try await client.send(.get, "/v1/tenants/acme/config?env=prod&consistency=local", token: reader)
            #expect(local.status == .ok)
            #expect(local.headers[.ecsIndex] == "6")
            harness.consensus.failReadBarriers(with: .notLeader(leaderHTTPAddress: nil))
            let leaderless = try await client.send(.get, "/v1/tenants/acme/config?env=prod", token: reader)
            #expect(leaderless.status == .serviceUnavailable)
        }
    }

    @Test("minIndex waits for the index: reached is 200, not reached in time is 503 + Retry-After")
    func minIndex() async throws {
        let harness = try APITestHarness()
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        try await harness.application().test(.router) { client in
            try await seed(client)
            harness.consensus.failReadBarriers(with: .unavailable(reason: "no quorum"))
            let reached = try await client.send(.get, "/v1/tenants/acme/config?env=prod&minIndex=6", token: reader)
            #expect(reached.status == .ok, "minIndex alone reads locally after the wait")
            #expect(reached.headers[.ecsIndex] == "6")
            let started = ContinuousClock.now
            let missed = try await client.send(
                .get, "/v1/tenants/acme/config?env=prod&minIndex=7&timeoutMs=50", token: reader)
            #expect(missed.status == .serviceUnavailable)
            #expect(missed.headers[.retryAfter] == "1")
            #expect(ContinuousClock.now - started < .seconds(3))
        }
    }
}
