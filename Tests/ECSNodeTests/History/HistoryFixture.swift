import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

/// Seven versions of `acme/payments`, written through the API with writes to other sets, another
/// tenant and the platform's `payments` in between (none of which may show up in its history),
/// and the layers the set holds after each version.
struct HistoryFixture {
    /// The etag each version's write answered: `etags[v - 1]`.
    let etags: [String]

    static let base = "/v1/tenants/acme/sets/payments"

    /// The layers as of each version: `layers[v - 1]`.
    static let layers: [JSONValue] = [
        ["tenant": ["retry.max": 3]],
        ["tenant": ["retry.max": 3], "env:prod": ["retry.max": 5]],
        ["tenant": ["retry.max": 3, "debug": .null], "env:prod": ["retry.max": 5]],
        ["tenant": ["retry.max": 4, "debug": .null], "env:prod": ["retry.max": 5]],
        ["tenant": ["retry.max": 4, "debug": .null]],
        ["tenant": ["retry.max": 4, "debug": .null], "app:prod/web": ["flag": ["a": [1, 2]]]],
        [
            "tenant": ["retry.max": 4, "debug": .null], "env:prod": ["debug": true],
            "app:prod/web": ["flag": ["a": [1, 2]]],
        ],
    ]

    /// Writes the history; every write must succeed.
    static func seed(_ client: some TestClientProtocol) async throws -> HistoryFixture {
        let writer = try await TestTokens.bearer(tenant: "*", scopes: [.write])
        let admin = try await TestTokens.platformAdmin()
        let items = "\(base)/items"
        var etags: [String] = []
        func version(_ method: HTTPRequest.Method, _ path: String, _ body: String? = nil) async throws {
            let response = try await client.send(method, path, token: writer, body: body)
            #expect(response.status == .ok || response.status == .created, "\(method) \(path)")
            #expect(response["version"] == .integer(Int64(etags.count + 1)), "\(method) \(path)")
            guard case .string(let etag)? = response["etag"] else { throw HistoryFixtureFailed(path: path) }
            etags.append(etag)
        }
        func elsewhere(_ path: String, token: String) async throws {
            let response = try await client.send(.put, path, token: token, body: "0")
            #expect(response.status == .ok || response.status == .created, "\(path)")
        }
        try await version(.put, "\(items)/retry.max", "3")
        try await elsewhere("/v1/platform/sets/payments/items/retry.max?scope=global", token: admin)
        try await version(.put, "\(items)/retry.max?scope=env:prod", "5")
        try await version(.put, "\(items)/debug", "null")
        try await elsewhere("/v1/tenants/globex/sets/payments/items/retry.max", token: writer)
        try await version(.put, "\(items)/retry.max", "4")
        try await version(.delete, "\(items)/retry.max?scope=env:prod")
        try await elsewhere("/v1/tenants/acme/sets/billing/items/retry.max", token: writer)
        try await version(.put, "\(items)/flag?scope=app:prod/web", #"{"a": [1, 2]}"#)
        try await version(.put, "\(items)/debug?scope=env:prod", "true")
        return HistoryFixture(etags: etags)
    }
}

struct HistoryFixtureFailed: Error {
    let path: String
}
