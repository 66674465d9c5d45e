import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

@Suite("HTTP: GET /v1/tenants/{t}/sets/{set}/diff")
struct VersionDiffTests {
    private let reader: String

    init() async throws {
        reader = try await TestTokens.bearer(tenant: "acme", scopes: [.read])
    }

    private func diff(_ client: some TestClientProtocol, from: Int, to: Int) async throws -> JSONValue {
        let response = try await client.send(.get, "\(HistoryFixture.base)/diff?from=\(from)&to=\(to)", token: reader)
        #expect(response.status == .ok, "from=\(from)&to=\(to)")
        return try response.json
    }

    @Test("added, changed and removed items, with a JSON null as a value, sorted by scope and key")
    func forwards() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            _ = try await HistoryFixture.seed(client)
            #expect(
                try await diff(client, from: 2, to: 5) == [
                    "added": [["scope": "tenant", "key": "debug", "to": .null]],
                    "changed": [["scope": "tenant", "key": "retry.max", "from": 3, "to": 4]],
                    "removed": [["scope": "env:prod", "key": "retry.max", "from": 5]],
                ])
            #expect(
                try await diff(client, from: 1, to: 7) == [
                    "added": [
                        ["scope": "app:prod/web", "key": "flag", "to": ["a": [1, 2]]],
                        ["scope": "env:prod", "key": "debug", "to": true],
                        ["scope": "tenant", "key": "debug", "to": .null],
                    ],
                    "changed": [["scope": "tenant", "key": "retry.max", "from": 3, "to": 4]],
                    "removed": [],
                ])
        }
    }

    @Test("from may be after to: the same differences, the other way round")
    func backwards() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            _ = try await HistoryFixture.seed(client)
            #expect(
                try await diff(client, from: 5, to: 2) == [
                    "added": [["scope": "env:prod", "key": "retry.max", "to": 5]],
                    "changed": [["scope": "tenant", "key": "retry.max", "from": 4, "to": 3]],
                    "removed": [["scope": "tenant", "key": "debug", "from": .null]],
                ])
        }
    }

    @Test("a version compared with itself has no differences")
    func sameVersion() async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            _ = try await HistoryFixture.seed(client)
            for version in [1, 4, 7] {
                #expect(
                    try await diff(client, from: version, to: version) == ["added": [], "changed": [], "removed": []])
            }
        }
    }

    @Test(
        "a missing or bad from or to is 400 naming each",
        arguments: [
            ("to=2", ["from"]), ("from=2", ["to"]), ("", ["from", "to"]), ("from=x&to=2", ["from"]),
            ("from=1&to=-2", ["to"]), ("from=1&to=2&consistency=eventual", ["consistency"]),
        ])
    func badParameters(query: String, paths: [String]) async throws {
        let harness = try APITestHarness()
        try await harness.application().test(.router) { client in
            _ = try await HistoryFixture.seed(client)
            let response = try await client.send(.get, "\(HistoryFixture.base)/diff?\(query)", token: reader)
            #expect(response.status == .badRequest)
            guard case .array(let violations)? = response["violations"] else {
                Issue.record("no violations")
                return
            }
            #expect(violations.compactMap { $0["path"] } == paths.map(JSONValue.string))
        }
    }
}
