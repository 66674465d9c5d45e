import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: POST /v1/tenants/{t}/sets/{set}/rollback")
struct RollbackTests {
    @Test("a rollback publishes a new version whose layers equal the target's; history keeps every version")
    func rollsBack() async throws {
        let harness = try APITestHarness()
        let writer = try await TestTokens.bearer(tenant: "acme", scopes: [.read, .write])
        try await harness.application().test(.router) { client in
            _ = try await HistoryFixture.seed(client)
            for (target, newVersion) in [(2, 8), (6, 9), (9, 10)] {
                let response = try await client.send(
                    .post, "\(HistoryFixture.base)/rollback", token: writer, body: #"{"toVersion": \#(target)}"#)
                #expect(response.status == .created, "to \(target)")
                #expect(response["version"] == .integer(Int64(newVersion)))
                #expect(
                    response.headers[.eTag]
                        == response["etag"].flatMap { if case .string(let tag) = $0 { "\"\(tag)\"" } else { nil } })
                let layers = try await client.send(
                    .get, "\(HistoryFixture.base)/versions/\(newVersion)", token: writer)
                let expected = target <= 7 ? HistoryFixture.layers[target - 1] : HistoryFixture.layers[5]
                #expect(layers["layers"] == expected, "to \(target)")
            }
            // Rolling back to the head itself is a new version with no changes.
            let page = try await client.send(.get, "\(HistoryFixture.base)/versions?after=7", token: writer)
            guard case .array(let versions)? = page["versions"] else { throw HistoryFixtureFailed(path: "versions") }
            #expect(
                versions.map { $0["message"] } == [
                    "rollback to version 2", "rollback to version 6", "rollback to version 9",
                ])
            #expect(versions.last?["changes"] == .array([]))
        }
    }

    @Test(
        "refusals: 400 bad body, 401, 403 without ecs:write, 404 unknown version, set or tenant, 409 policy, 422 schema"
    )
    func refusals() async throws {
        let harness = try APITestHarness()
        let writer = try await TestTokens.bearer(tenant: "acme", scopes: [.read, .write])
        let reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read, .approve, .admin])
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            _ = try await HistoryFixture.seed(client)
            let path = "\(HistoryFixture.base)/rollback"
            for body in ["{}", #"{"toVersion": 0}"#, #"{"toVersion": "2"}"#, #"{"toVersion": 2, "x": 1}"#, "[]"] {
                #expect(try await client.send(.post, path, token: writer, body: body).status == .badRequest, "\(body)")
            }
            #expect(try await client.send(.post, path, body: #"{"toVersion": 1}"#).status == .unauthorized)
            #expect(try await client.send(.post, path, token: reader, body: #"{"toVersion": 1}"#).status == .forbidden)
            #expect(try await client.send(.post, path, token: writer, body: #"{"toVersion": 8}"#).status == .notFound)
            let unknownSet = "/v1/tenants/acme/sets/nothing/rollback"
            #expect(
                try await client.send(.post, unknownSet, token: writer, body: #"{"toVersion": 1}"#).status == .notFound)
            let unknownTenant = "/v1/tenants/nobody/sets/payments/rollback"
            #expect(
                try await client.send(.post, unknownTenant, token: admin, body: #"{"toVersion": 1}"#).status
                    == .notFound)

            // Version 1 holds retry.max = 3; a schema that now wants at least 4 refuses bringing it back.
            let schema = #"{"type": "object", "properties": {"retry.max": {"type": "integer", "minimum": 4}}}"#
            #expect(
                try await client.send(.put, "\(HistoryFixture.base)/schema", token: admin, body: schema).status == .ok)
            let invalid = try await client.send(.post, path, token: writer, body: #"{"toVersion": 1}"#)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid["violations"] != nil)

            let policy = #"{"requireApproval": true}"#
            #expect(
                try await client.send(.put, "\(HistoryFixture.base)/policy", token: admin, body: policy).status == .ok)
            #expect(try await client.send(.post, path, token: writer, body: #"{"toVersion": 5}"#).status == .conflict)
            let head = try await client.send(.get, "\(HistoryFixture.base)/versions?after=6", token: writer)
            #expect(head["versions"].map { if case .array(let list) = $0 { list.count } else { -1 } } == 1)
        }
    }
}
