import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: Idempotency-Key on item writes")
struct IdempotencyRoutesTests {
    let items = "/v1/tenants/acme/sets/payments/items"

    private func key(_ value: String) -> HTTPFields {
        [.idempotencyKey: value]
    }

    private func versions(_ harness: APITestHarness) throws -> Int {
        try harness.state.dumpTables()[ConfigTables.versionsName]?.count ?? -1
    }

    @Test("a retry with the same key and request gets the first response byte for byte, marked replayed")
    func replay() async throws {
        let harness = try APITestHarness()
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        try await harness.application().test(.router) { client in
            let first = try await client.send(
                .put, "\(items)/k", token: token, body: #"{"a": 1, "b": [1, 2]}"#, headers: key("put-1"))
            #expect(first.status == .created)
            #expect(first.headers[.idempotentReplayed] == nil)
            let retry = try await client.send(
                .put, "\(items)/k", token: token, body: #"{ "b":[1,2], "a":1 }"#, headers: key("put-1"))
            #expect(retry.status == .created)
            #expect(retry.body == first.body)
            #expect(retry.headers[.eTag] == first.headers[.eTag])
            #expect(retry.headers[.idempotentReplayed] == "true")
            #expect(try versions(harness) == 1)

            let deleted = try await client.send(.delete, "\(items)/k", token: token, headers: key("delete-1"))
            #expect(deleted.status == .ok)
            let again = try await client.send(.delete, "\(items)/k", token: token, headers: key("delete-1"))
            #expect(again.status == .ok, "not 404: the first answer, not a second delete")
            #expect(again.body == deleted.body)
            #expect(again.headers[.idempotentReplayed] == "true")
            #expect(try versions(harness) == 2)
        }
    }

    @Test("the same key with another body, item or method is 422")
    func reuse() async throws {
        let harness = try APITestHarness()
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        try await harness.application().test(.router) { client in
            #expect(
                try await client.send(.put, "\(items)/k", token: token, body: "1", headers: key("a")).status == .created
            )
            let attempts = [
                try await client.send(.put, "\(items)/k", token: token, body: "2", headers: key("a")),
                try await client.send(.put, "\(items)/other", token: token, body: "1", headers: key("a")),
                try await client.send(.put, "\(items)/k?scope=env:prod", token: token, body: "1", headers: key("a")),
                try await client.send(.delete, "\(items)/k", token: token, headers: key("a")),
            ]
            for response in attempts {
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response["type"] == "urn:ecs:problem:idempotency-key-reused")
            }
            #expect(try versions(harness) == 1)
        }
    }

    @Test("a refused first attempt is answered again with the same refusal")
    func refusalReplayed() async throws {
        let harness = try APITestHarness()
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        try await harness.application().test(.router) { client in
            #expect(try await client.send(.put, "\(items)/k", token: token, body: "1").status == .created)
            var headers = key("stale-1")
            headers[.ifMatch] = "\"stale\""
            let refused = try await client.send(.put, "\(items)/k", token: token, body: "2", headers: headers)
            #expect(refused.status == .preconditionFailed)
            let retry = try await client.send(.put, "\(items)/k", token: token, body: "2", headers: headers)
            #expect(retry.status == .preconditionFailed)
            #expect(retry.body == refused.body)
            #expect(retry.headers[.idempotentReplayed] == "true")
            #expect(retry.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("tenants use their keys independently; platform writes take keys too")
    func namespaces() async throws {
        let harness = try APITestHarness()
        let acme = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        let globex = try await TestTokens.bearer(tenant: "globex", scopes: [.write])
        let admin = try await TestTokens.platformAdmin()
        let platform = "/v1/platform/sets/payments/items/timeout?scope=global"
        try await harness.application().test(.router) { client in
            let first = try await client.send(.put, "\(items)/k", token: acme, body: "1", headers: key("same"))
            let other = try await client.send(
                .put, "/v1/tenants/globex/sets/payments/items/k", token: globex, body: "2", headers: key("same"))
            #expect(first.status == .created && other.status == .created)
            #expect(other.headers[.idempotentReplayed] == nil)

            let written = try await client.send(.put, platform, token: admin, body: "30", headers: key("same"))
            #expect(written.status == .created)
            #expect(written["tenant"] == "*")
            let replayed = try await client.send(.put, platform, token: admin, body: "30", headers: key("same"))
            #expect(replayed.body == written.body && replayed.headers[.idempotentReplayed] == "true")
            let reused = try await client.send(.put, platform, token: admin, body: "31", headers: key("same"))
            #expect(reused.status == .unprocessableContent)
            #expect(try versions(harness) == 3)
        }
    }

    @Test(
        "an Idempotency-Key that is not 1–255 visible ASCII characters is 400",
        arguments: ["", "has space", "tab\there", String(repeating: "k", count: 256)])
    func invalidKeys(value: String) async throws {
        let harness = try APITestHarness()
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        try await harness.application().test(.router) { client in
            let response = try await client.send(.put, "\(items)/k", token: token, body: "1", headers: key(value))
            #expect(response.status == .badRequest)
            guard case .array(let violations)? = response["violations"] else {
                Issue.record("no violations")
                return
            }
            #expect(violations.map { $0["path"] } == ["Idempotency-Key"])
            #expect(try versions(harness) == 0)
        }
    }

    @Test("two Idempotency-Key headers are 400; 255 characters are fine")
    func headerShapes() async throws {
        let harness = try APITestHarness()
        let token = try await TestTokens.bearer(tenant: "acme", scopes: [.write])
        try await harness.application().test(.router) { client in
            var twice = key("a")
            twice.append(HTTPField(name: .idempotencyKey, value: "b"))
            let sentTwice = try await client.send(.put, "\(items)/k", token: token, body: "1", headers: twice)
            #expect(sentTwice.status == .badRequest)
            let longest = key(String(repeating: "~", count: 255))
            let longestKey = try await client.send(.put, "\(items)/k", token: token, body: "1", headers: longest)
            #expect(longestKey.status == .created)
        }
    }
}
