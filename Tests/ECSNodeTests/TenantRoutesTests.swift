import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: the tenant directory")
struct TenantRoutesTests {
    @Test("PUT creates (201) then updates (200) a tenant, keeping its creation time; GET and list show it")
    func createUpdateRead() async throws {
        let harness = try APITestHarness()
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            let created = try await client.send(
                .put, "/v1/tenants/initech", token: admin, body: #"{"edition": "pro", "residency": "replicated"}"#)
            #expect(created.status == .created)
            #expect(created["tenant"] == "initech")
            #expect(created["edition"] == "pro")
            #expect(created["homeRegion"] == "eu")
            #expect(created["residency"] == "replicated")
            #expect(created["index"] == 1)

            let updated = try await client.send(
                .put, "/v1/tenants/initech", token: admin, body: #"{"edition": "free"}"#)
            #expect(updated.status == .ok)
            #expect(updated["edition"] == "free")
            #expect(updated["residency"] == "replicated", "left out of the body, the residency is kept")
            #expect(updated["createdAt"] == created["createdAt"])

            let moved = try await client.send(
                .put, "/v1/tenants/initech", token: admin, body: #"{"edition": "free", "residency": "strict"}"#)
            #expect(moved.status == .conflict)
            #expect(moved["type"] == "urn:ecs:problem:tenant-setting-fixed")
            let unknownRegion = try await client.send(
                .put, "/v1/tenants/hooli", token: admin, body: #"{"edition": "free", "homeRegion": "mars"}"#)
            #expect(unknownRegion.status == .badRequest)

            let read = try await client.send(.get, "/v1/tenants/initech", token: admin)
            #expect(read.status == .ok)
            #expect(read["edition"] == "free")
            #expect(read["index"] == nil)

            let list = try await client.send(.get, "/v1/tenants", token: admin)
            guard case .array(let tenants)? = list["tenants"] else {
                Issue.record("no tenants array: \(list.body)")
                return
            }
            #expect(tenants.compactMap { $0["tenant"] } == ["acme", "globex", "initech"])
            #expect(try await client.send(.get, "/v1/tenants/nobody", token: admin).status == .notFound)
        }
    }

    @Test("the tenant's edition picks the edition layer of its reads")
    func editionLayer() async throws {
        let harness = try APITestHarness()
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            for (scope, value) in [("global", "1"), ("edition:pro", "2"), ("edition:free", "3")] {
                let put = try await client.send(
                    .put, "/v1/platform/sets/limits/items/rate?scope=\(scope)", token: admin, body: value)
                #expect(put.status == .created || put.status == .ok)
            }
            let path = "/v1/tenants/acme/config?env=prod&sets=limits"
            #expect(try await client.send(.get, path, token: admin).json["sets"]?["limits"]?["items"] == ["rate": 2])
            _ = try await client.send(.put, "/v1/tenants/acme", token: admin, body: #"{"edition": "free"}"#)
            #expect(try await client.send(.get, path, token: admin).json["sets"]?["limits"]?["items"] == ["rate": 3])
        }
    }

    @Test("only the platform admin writes or lists tenants; a tenant's own token may read it")
    func authorization() async throws {
        let harness = try APITestHarness()
        let own = try await TestTokens.bearer(tenant: "acme", scopes: [.read, .write, .admin])
        let other = try await TestTokens.bearer(tenant: "globex", scopes: [.read, .admin])
        try await harness.application().test(.router) { client in
            #expect(try await client.send(.put, "/v1/tenants/acme", body: #"{"edition": "x"}"#).status == .unauthorized)
            #expect(
                try await client.send(.put, "/v1/tenants/acme", token: own, body: #"{"edition": "x"}"#).status
                    == .forbidden)
            #expect(try await client.send(.get, "/v1/tenants", token: own).status == .forbidden)
            #expect(try await client.send(.get, "/v1/tenants/acme", token: own).status == .ok)
            let denied = try await client.send(.get, "/v1/tenants/acme", token: other)
            #expect(denied.status == .forbidden)
            #expect(denied["edition"] == nil)
        }
    }

    @Test("bad settings are 400 with the offending member named")
    func badSettings() async throws {
        let harness = try APITestHarness()
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            let cases: [(String, String, String)] = [
                ("/v1/tenants/initech", "{}", "edition"),
                ("/v1/tenants/initech", #"{"edition": "pro", "colour": 1}"#, "colour"),
                ("/v1/tenants/initech", #"{"edition": "pro", "residency": "somewhere"}"#, "residency"),
                ("/v1/tenants/initech", #"{"edition": "Pro!"}"#, "edition"),
                ("/v1/tenants/initech", #"{"edition": "pro", "homeRegion": 7}"#, "homeRegion"),
            ]
            for (path, body, member) in cases {
                let response = try await client.send(.put, path, token: admin, body: body)
                #expect(response.status == .badRequest, "\(body)")
                guard case .array(let violations)? = response["violations"] else {
                    Issue.record("no violations for \(body)")
                    continue
                }
                #expect(violations.contains { $0["path"] == .string(member) }, "\(body)")
            }
            #expect(try await client.send(.put, "/v1/tenants/initech", token: admin, body: "[1]").status == .badRequest)
            #expect(try await client.send(.put, "/v1/tenants/In_Itech", token: admin, body: "{}").status == .badRequest)
        }
    }
}
