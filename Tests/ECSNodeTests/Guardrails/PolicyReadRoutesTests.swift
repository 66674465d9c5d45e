import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: GET of a set's policy")
struct PolicyReadRoutesTests {
    @Test("a set without a policy reads as requireApproval false; after PUT, as stored")
    func readBack() async throws {
        let harness = try APITestHarness()
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        try await harness.application().test(.router) { client in
            let unset = try await client.send(.get, Guarded.policy, token: reader)
            #expect(unset.status == .ok && unset.headers[.ecsIndex] != nil)
            #expect(try unset.json == ["tenant": "acme", "set": "payments", "requireApproval": false])

            let body = #"{"requireApproval": true}"#
            #expect(try await client.send(.put, Guarded.policy, token: Guarded.admin(), body: body).status == .ok)
            let stored = try await client.send(.get, Guarded.policy, token: reader)
            #expect(try stored.json == ["tenant": "acme", "set": "payments", "requireApproval": true])
            let other = try await client.send(.get, "/v1/tenants/acme/sets/billing/policy", token: reader)
            #expect(other["requireApproval"] == false)
        }
    }

    @Test("GET policy needs a token (401) with ecs:read on the tenant (403); unknown tenants 404, bad names 400")
    func refusals() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            #expect(try await client.send(.get, Guarded.policy).status == .unauthorized)
            for token in [
                try await TestTokens.bearer(tenant: "acme", scopes: [.write, .approve]),
                try await TestTokens.bearer(tenant: "globex", scopes: [.read, .admin]),
            ] {
                #expect(try await client.send(.get, Guarded.policy, token: token).status == .forbidden)
            }
            let everyReader = try await TestTokens.bearer(tenant: "*", scopes: [.read])
            #expect(try await client.send(.get, Guarded.policy, token: everyReader).status == .ok)
            let unknown = try await client.send(.get, "/v1/tenants/nobody/sets/s/policy", token: everyReader)
            #expect(unknown.status == .notFound && unknown["type"] == "urn:ecs:problem:unknown-tenant")
            let badSet = try await client.send(.get, "/v1/tenants/acme/sets/Bad_Set/policy", token: everyReader)
            #expect(badSet.status == .badRequest)
        }
    }
}
