import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

/// Every refusal of the watch comes before the stream starts, as an ordinary problem answer.
@Suite("HTTP: GET /v1/tenants/{t}/watch, refusals")
struct WatchRefusalTests {
    private func problem(
        _ uri: String, token: String?, lastEventID: String? = nil
    ) async throws -> (status: HTTPResponse.Status, contentType: String?, path: JSONValue?) {
        let harness = try APITestHarness()
        let headers: HTTPFields = lastEventID.map { [.lastEventID: $0] } ?? [:]
        return try await harness.application().test(.router) { client in
            let response = try await client.send(.get, uri, token: token, headers: headers)
            guard case .array(let violations)? = response["violations"] else {
                return (response.status, response.headers[.contentType], nil)
            }
            return (response.status, response.headers[.contentType], violations.first?["path"])
        }
    }

    @Test("no token is 401; another tenant's token or one without ecs:read is 403")
    func authorization() async throws {
        let watch = "/v1/tenants/acme/watch"
        #expect(try await problem(watch, token: nil).status == .unauthorized)
        #expect(try await problem(watch, token: "Bearer not-a-jwt").status == .unauthorized)
        let otherTenant = try await TestTokens.bearer(tenant: "globex", scopes: [.read])
        #expect(try await problem(watch, token: otherTenant).status == .forbidden)
        let writeOnly = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        let refused = try await problem(watch, token: writeOnly)
        #expect(refused.status == .forbidden)
        #expect(refused.contentType == "application/problem+json")
    }

    @Test("a bad tenant or set name, or a Last-Event-ID that is not a log index, is 400 naming the culprit")
    func badRequests() async throws {
        let admin = try await TestTokens.platformAdmin()
        let watch = "/v1/tenants/acme/watch"
        #expect(try await problem("/v1/tenants/Acme/watch", token: admin).status == .badRequest)
        for sets in ["Billing", "billing,,flags", "", "a%2Fb"] {
            let refused = try await problem("\(watch)?sets=\(sets)", token: admin)
            #expect(refused.status == .badRequest, "sets=\(sets)")
            #expect(refused.path == "sets", "sets=\(sets)")
        }
        for lastEventID in ["abc", "-1", "1.5", "18446744073709551615"] {
            let refused = try await problem(watch, token: admin, lastEventID: lastEventID)
            #expect(refused.status == .badRequest, "Last-Event-ID: \(lastEventID)")
            #expect(refused.path == "Last-Event-ID", "Last-Event-ID: \(lastEventID)")
            #expect(refused.contentType == "application/problem+json")
        }
    }

    @Test(
        "a tenant that does not exist is 404 unknown-tenant; when the read barrier cannot confirm that, 503",
        .timeLimit(.minutes(1)))
    func unknownTenant() async throws {
        let harness = try APITestHarness()
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            let refused = try await client.send(.get, "/v1/tenants/nobody/watch", token: admin)
            #expect(refused.status == .notFound)
            #expect(refused.headers[.contentType] == "application/problem+json")
            #expect(refused["type"] == "urn:ecs:problem:unknown-tenant")
            #expect(refused["detail"] == .string(Rejection.unknownTenantDetail("nobody")))
            harness.consensus.failReadBarriers(with: .unavailable(reason: "no quorum"))
            let unconfirmed = try await client.send(.get, "/v1/tenants/nobody/watch", token: admin)
            #expect(unconfirmed.status == .serviceUnavailable)
            #expect(unconfirmed.headers[.retryAfter] == "1")
        }
    }

    @Test(
        "a known tenant's watch opens without a read barrier; one this node applies during the barrier opens too",
        .timeLimit(.minutes(1)))
    func tenantCheckedLocallyFirst() async throws {
        let harness = try APITestHarness()
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.live) { client in
            harness.consensus.failReadBarriers(with: .unavailable(reason: "no quorum"))
            let (known, _) = try await EventStreamClient.watch(
                try liveURL(client, "/v1/tenants/acme/watch"), token: admin)
            #expect(known.status == 200)
            await known.close()

            harness.consensus.failReadBarriers(with: nil)
            let state = harness.state
            harness.consensus.catchUpAtNextBarrier { try state.addTenant("initech") }
            let (late, _) = try await EventStreamClient.watch(
                try liveURL(client, "/v1/tenants/initech/watch"), token: admin)
            #expect(late.status == 200)
            await late.close()
        }
    }
}
