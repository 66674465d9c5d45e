import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

/// The history reads' refusals (401, 403, 400, 404, 503) and their consistency, on all three routes.
@Suite("HTTP: history reads, refusals and consistency")
struct HistoryRefusalTests {
    private static let routes = ["versions", "versions/2", "diff?from=1&to=2"]

    private func paths(tenant: String = "acme", set: String = "payments") -> [String] {
        Self.routes.map { "/v1/tenants/\(tenant)/sets/\(set)/\($0)" }
    }

    @Test("no token is 401; another tenant's token or one without ecs:read is 403; readers and the admin are let in")
    func authorization() async throws {
        let harness = try APITestHarness()
        let otherTenant = try await TestTokens.bearer(tenant: "globex", scopes: [.read, .write, .admin])
        let writeOnly = try await TestTokens.bearer(tenant: "acme", scopes: [.write, .approve, .admin])
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        let platformReader = try await TestTokens.bearer(tenant: "*", scopes: [.read])
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            _ = try await HistoryFixture.seed(client)
            for path in paths() {
                let anonymous = try await client.send(.get, path)
                #expect(anonymous.status == .unauthorized, "\(path)")
                #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")
                for token in [otherTenant, writeOnly] {
                    let denied = try await client.send(.get, path, token: token)
                    #expect(denied.status == .forbidden, "\(path)")
                    #expect(denied["type"] == "urn:ecs:problem:forbidden")
                    #expect(denied["versions"] == nil && denied["layers"] == nil && denied["added"] == nil)
                }
                for token in [reader, platformReader, admin] {
                    #expect(try await client.send(.get, path, token: token).status == .ok, "\(path)")
                }
            }
            // Authorization comes before names: a stranger learns nothing about them.
            let strange = try await client.send(.get, "/v1/tenants/Nope/sets/payments/versions", token: otherTenant)
            #expect(strange.status == .forbidden)
        }
    }

    @Test("an unknown tenant is 404 unknown-tenant, an unknown set 404, on every route")
    func unknownTenantOrSet() async throws {
        let harness = try APITestHarness()
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            _ = try await HistoryFixture.seed(client)
            for path in paths(tenant: "nobody") {
                let response = try await client.send(.get, path, token: admin)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response["type"] == "urn:ecs:problem:unknown-tenant", "\(path)")
                #expect(response["detail"] == .string(Rejection.unknownTenantDetail("nobody")))
            }
            for path in paths(set: "ledger") + paths(tenant: "globex", set: "billing") {
                let response = try await client.send(.get, path, token: admin)
                #expect(response.status == .notFound, "\(path)")
                #expect(response["type"] == "urn:ecs:problem:not-found", "\(path)")
            }
        }
    }

    @Test(
        "a version the set does not have is 404",
        arguments: ["versions/0", "versions/8", "versions/9223372036854775807", "diff?from=1&to=8", "diff?from=0&to=1"])
    func unknownVersion(route: String) async throws {
        let harness = try APITestHarness()
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        try await harness.application().test(.router) { client in
            _ = try await HistoryFixture.seed(client)
            let response = try await client.send(.get, "\(HistoryFixture.base)/\(route)", token: reader)
            #expect(response.status == .notFound)
            guard case .string(let detail)? = response["detail"] else {
                Issue.record("no detail")
                return
            }
            #expect(detail.contains("1 to 7"), "\(detail)")
        }
    }

    @Test(
        "a version that is not a number, or a bad tenant or set name, is 400",
        arguments: [
            "\(HistoryFixture.base)/versions/latest", "\(HistoryFixture.base)/versions/-1",
            "\(HistoryFixture.base)/versions/1.0", "\(HistoryFixture.base)/versions/2?consistency=strong",
            "/v1/tenants/acme/sets/Pay_ments/versions", "/v1/tenants/acme/sets/Pay_ments/diff?from=1&to=2",
            "/v1/tenants/Acme/sets/payments/versions/1",
        ])
    func badRequest(path: String) async throws {
        let harness = try APITestHarness()
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            _ = try await HistoryFixture.seed(client)
            let response = try await client.send(.get, path, token: admin)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("linearizable reads (the default) need the read barrier, local reads do not")
    func consistency() async throws {
        let harness = try APITestHarness()
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        try await harness.application().test(.router) { client in
            _ = try await HistoryFixture.seed(client)
            harness.consensus.failReadBarriers(with: .unavailable(reason: "no quorum"))
            for path in paths() {
                let linearizable = try await client.send(.get, path, token: reader)
                #expect(linearizable.status == .serviceUnavailable, "\(path)")
                #expect(linearizable.headers[.retryAfter] == "1")
                let explicit =
                    path.contains("?") ? "\(path)&consistency=linearizable" : "\(path)?consistency=linearizable"
                #expect(try await client.send(.get, explicit, token: reader).status == .serviceUnavailable)
                let local = path.contains("?") ? "\(path)&consistency=local" : "\(path)?consistency=local"
                let answer = try await client.send(.get, local, token: reader)
                #expect(answer.status == .ok, "\(local)")
                #expect(answer.headers[.ecsIndex] == "10")
            }
        }
    }
}
