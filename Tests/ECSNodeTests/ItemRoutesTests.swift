import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: PUT and DELETE of items")
struct ItemRoutesTests {
    let items = "/v1/tenants/acme/sets/payments/items"

    @Test("the first version answers 201, later ones 200, with the write response and the ETag")
    func putVersions() async throws {
        let harness = try APITestHarness()
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        try await harness.application().test(.router) { client in
            let first = try await client.send(.put, "\(items)/retry.max", token: token, body: "3")
            #expect(first.status == .created)
            #expect(first.headers[.contentType] == "application/json")
            guard case .string(let etag)? = first["etag"] else {
                Issue.record("no etag in the write response")
                return
            }
            #expect(first.headers[.eTag] == "\"\(etag)\"")
            #expect(first["tenant"] == "acme")
            #expect(first["set"] == "payments")
            #expect(first["version"] == 1)
            #expect(first["index"] == 1)
            #expect(first.headers[.ecsNode] == "n1")

            let second = try await client.send(
                .put, "\(items)/retry.max?scope=env:prod", token: token, body: #"{"a": [1, null]}"#)
            #expect(second.status == .ok)
            #expect(second["version"] == 2)
            let third = try await client.send(.put, "\(items)/retry.max?scope=app:prod/web", token: token, body: "null")
            #expect(third.status == .ok)
            #expect(third["version"] == 3)
        }
    }

    @Test("a key's / may come raw or as %2F: both name the same key")
    func slashesInKeys() async throws {
        let harness = try APITestHarness()
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write, .read])
        try await harness.application().test(.router) { client in
            #expect(try await client.send(.put, "\(items)/db/pool/size", token: token, body: "10").status == .created)
            let encoded = try await client.send(.put, "\(items)/db%2Fpool%2Fsize", token: token, body: "20")
            #expect(encoded.status == .ok)
            let config = try await client.send(.get, "/v1/tenants/acme/config?env=prod", token: token)
            #expect(try config.json["sets"]?["payments"]?["items"] == ["db/pool/size": 20])
            #expect(try await client.send(.delete, "\(items)/db%2fpool/size", token: token).status == .ok)
            #expect(try await client.send(.delete, "\(items)/db/pool/size", token: token).status == .notFound)
        }
    }

    @Test("DELETE answers 200 with a new version, and 404 when the item is absent")
    func deletes() async throws {
        let harness = try APITestHarness()
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        try await harness.application().test(.router) { client in
            let missing = try await client.send(.delete, "\(items)/nope", token: token)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "application/problem+json")
            #expect(
                try await client.send(.put, "\(items)/k?scope=env:prod", token: token, body: "1").status == .created)
            #expect(try await client.send(.delete, "\(items)/k", token: token).status == .notFound)
            let deleted = try await client.send(.delete, "\(items)/k?scope=env:prod", token: token)
            #expect(deleted.status == .ok)
            #expect(deleted["version"] == 2)
        }
    }

    @Test("If-Match: the current etag passes, a stale one is 412")
    func ifMatch() async throws {
        let harness = try APITestHarness()
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        try await harness.application().test(.router) { client in
            let first = try await client.send(.put, "\(items)/k", token: token, body: "1")
            let etag = try #require(first.headers[.eTag])
            let moved = try await client.send(.put, "\(items)/k", token: token, body: "2", headers: [.ifMatch: etag])
            #expect(moved.status == .ok)
            let stale = try await client.send(.put, "\(items)/k", token: token, body: "3", headers: [.ifMatch: etag])
            #expect(stale.status == .preconditionFailed)
            #expect(stale["status"] == 412)
            let weak = try await client.send(
                .delete, "\(items)/k", token: token, headers: [.ifMatch: "W/" + moved.headers[.eTag]!])
            #expect(weak.status == .ok)
            let unknownSet = try await client.send(
                .put, "/v1/tenants/acme/sets/fresh/items/k", token: token, body: "1", headers: [.ifMatch: "*"])
            #expect(unknownSet.status == .preconditionFailed)
        }
    }

    @Test(
        "a client's mistakes are 400 problems with violations, never 500",
        arguments: [
            ("/v1/tenants/acme/sets/payments/items/k", "{", "body"),
            ("/v1/tenants/acme/sets/payments/items/k", "", "body"),
            ("/v1/tenants/acme/sets/payments/items/k?scope=global", "1", "scope"),
            ("/v1/tenants/acme/sets/payments/items/k?scope=edition:pro", "1", "scope"),
            ("/v1/tenants/acme/sets/payments/items/k?scope=env:", "1", "scope"),
            ("/v1/tenants/acme/sets/payments/items/k?scope=planet", "1", "scope"),
            ("/v1/tenants/acme/sets/Pay_ments/items/k", "1", "set"),
            ("/v1/tenants/acme/sets/payments/items/.hidden", "1", "key"),
            ("/v1/tenants/acme/sets/payments/items/bad%ZZ", "1", "key"),
            ("/v1/tenants/acme/sets/payments/items/a%20b", "1", "key"),
        ])
    func badRequests(uri: String, body: String, path: String) async throws {
        let harness = try APITestHarness()
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        try await harness.application().test(.router) { client in
            let response = try await client.send(.put, uri, token: token, body: body)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try response.json
            #expect(problem["status"] == 400)
            #expect(problem["title"] == "Bad Request")
            #expect(problem["type"] != nil && problem["detail"] != nil)
            if path != "body" {
                guard case .array(let violations)? = problem["violations"] else {
                    Issue.record("no violations in \(problem.canonicalString)")
                    return
                }
                #expect(violations.contains { $0["path"] == .string(path) })
            }
        }
    }

    @Test("an invalid tenant name is 400 for a platform admin")
    func badTenant() async throws {
        let harness = try APITestHarness()
        let token = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            let response = try await client.send(.put, "/v1/tenants/ACME/sets/s/items/k", token: token, body: "1")
            #expect(response.status == .badRequest)
        }
    }

    @Test("a body over 1 MiB is 413")
    func oversizeBody() async throws {
        let harness = try APITestHarness()
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        let big = "\"" + String(repeating: "x", count: (1 << 20) + 1) + "\""
        try await harness.application().test(.router) { client in
            let response = try await client.send(.put, "\(items)/k", token: token, body: big)
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test(
        "consensus failures: no leader or no quorum is 503 + Retry-After, an unknown outcome 504",
        arguments: [
            (ConsensusError.notLeader(leaderHTTPAddress: nil), HTTPResponse.Status.serviceUnavailable),
            (.unavailable(reason: "no quorum"), .serviceUnavailable),
            (.outcomeUnknown(reason: "leadership lost"), .gatewayTimeout),
        ])
    func consensusFailures(error: ConsensusError, status: HTTPResponse.Status) async throws {
        let harness = try APITestHarness()
        harness.consensus.failProposals(with: error)
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        try await harness.application().test(.router) { client in
            let response = try await client.send(.put, "\(items)/k", token: token, body: "1")
            #expect(response.status == status)
            #expect(response.headers[.contentType] == "application/problem+json")
            if status == .serviceUnavailable { #expect(response.headers[.retryAfter] == "1") }
        }
    }

    @Test("a forwarded request that reaches a non-leader is refused with 503, never forwarded again")
    func noSecondHop() async throws {
        let harness = try APITestHarness()
        harness.consensus.failProposals(with: .notLeader(leaderHTTPAddress: "127.0.0.1:1"))
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        try await harness.application().test(.router) { client in
            let response = try await client.send(
                .put, "\(items)/k", token: token, body: "1", headers: [.ecsForwardedBy: "n2"])
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "1")
        }
    }

    @Test("platform layers: written by the platform admin only, with global or edition scopes")
    func platformItems() async throws {
        let harness = try APITestHarness()
        let admin = try await TestTokens.platformAdmin()
        let tenantAdmin = try await TestTokens.bearer(tenant: "acme", scopes: [.admin, .write])
        let platform = "/v1/platform/sets/payments/items"
        try await harness.application().test(.router) { client in
            let written = try await client.send(.put, "\(platform)/timeout?scope=global", token: admin, body: "30")
            #expect(written.status == .created)
            #expect(written["tenant"] == "*")
            let edition = try await client.send(.put, "\(platform)/timeout?scope=edition:pro", token: admin, body: "60")
            #expect(edition.status == .ok)
            #expect(
                try await client.send(.put, "\(platform)/t?scope=global", token: tenantAdmin, body: "1").status
                    == .forbidden)
            #expect(
                try await client.send(.put, "\(platform)/t?scope=tenant", token: admin, body: "1").status == .badRequest
            )
            #expect(try await client.send(.put, "\(platform)/t", token: admin, body: "1").status == .badRequest)
            #expect(try await client.send(.delete, "\(platform)/timeout?scope=global", token: admin).status == .ok)
        }
    }
}
