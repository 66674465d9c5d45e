import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: GET /v1/tenants/{t}/sets/{set}/versions/{v}")
struct VersionLayersTests {
    @Test("each version shows the set's layers as they were then: deletes gone, JSON nulls kept, every scope")
    func layersAsOfEachVersion() async throws {
        let harness = try APITestHarness()
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        try await harness.application().test(.router) { client in
            let fixture = try await HistoryFixture.seed(client)
            for version in 1...7 {
                let response = try await client.send(.get, "\(HistoryFixture.base)/versions/\(version)", token: reader)
                #expect(response.status == .ok, "version \(version)")
                #expect(
                    try response.json
                        == [
                            "version": .integer(Int64(version)), "etag": .string(fixture.etags[version - 1]),
                            "layers": HistoryFixture.layers[version - 1],
                        ],
                    "version \(version)")
            }
        }
    }

    @Test("the head version shows what the config read resolves from")
    func headMatchesConfig() async throws {
        let harness = try APITestHarness()
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
        try await harness.application().test(.router) { client in
            _ = try await HistoryFixture.seed(client)
            let head = try await client.send(.get, "\(HistoryFixture.base)/versions/7", token: reader)
            let config = try await client.send(
                .get, "/v1/tenants/acme/config?env=prod&app=web&sets=payments", token: reader)
            // The platform's global retry.max = 0 is overridden by the tenant layer, the tenant's
            // debug = null by env:prod's true.
            #expect(
                try config.json["sets"]?["payments"]?["items"] == [
                    "retry.max": 4, "debug": true, "flag": ["a": [1, 2]],
                ])
            #expect(try head.json["layers"] == HistoryFixture.layers[6])
        }
    }
}
