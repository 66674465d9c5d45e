import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ECSNode

/// Paths, people and request bodies the draft tests share, all in set `acme/payments`.
enum DraftFixture {
    static let set = "/v1/tenants/acme/sets/payments"
    static let drafts = set + "/drafts"
    static let items = set + "/items"

    /// The path of draft `id`, or of one of its actions (`validate`, `approve`, `publish`).
    static func draft(_ id: String, _ action: String? = nil) -> String {
        "\(drafts)/\(id)" + (action.map { "/\($0)" } ?? "")
    }

    /// alice writes drafts; she may approve, just not her own drafts.
    static func author() async throws -> String {
        try await TestTokens.bearer(tenant: "acme", scopes: [.read, .write, .approve], subject: "alice")
    }

    /// bob reviews: he reads and approves, and cannot write.
    static func reviewer(_ subject: String = "bob") async throws -> String {
        try await TestTokens.bearer(tenant: "acme", scopes: [.read, .approve], subject: subject)
    }

    /// carol writes and publishes, and cannot approve.
    static func publisher() async throws -> String {
        try await TestTokens.bearer(tenant: "acme", scopes: [.read, .write], subject: "carol")
    }

    /// acme's admin: schema, policy and audit.
    static func admin() async throws -> String {
        try await TestTokens.bearer(tenant: "acme", scopes: [.admin], subject: "root")
    }

    /// `{"message", "changes": [changes…]}`.
    static func body(_ changes: String..., message: String = "raise retries") -> String {
        #"{"message":"\#(message)","changes":[\#(changes.joined(separator: ","))]}"#
    }

    /// A `set` change of `key` at `scope` to `value` (JSON text).
    static func set(_ key: String, _ value: String, scope: String = "tenant") -> String {
        #"{"op":"set","scope":"\#(scope)","key":"\#(key)","value":\#(value)}"#
    }

    /// A `delete` change of `key` at `scope`.
    static func delete(_ key: String, scope: String = "tenant") -> String {
        #"{"op":"delete","scope":"\#(scope)","key":"\#(key)"}"#
    }

    /// Creates a draft with `body` as `token`, requiring 201, and answers its id.
    static func create(_ client: some TestClientProtocol, token: String, _ body: String) async throws -> String {
        let response = try await client.send(.post, drafts, token: token, body: body)
        try #require(response.status == .created, "\(response.text)")
        guard case .string(let id)? = response["draftId"] else { throw DraftFixtureFailed(response.text) }
        return id
    }

    /// Writes items straight to the set (before any policy), requiring each write to succeed.
    static func seed(_ client: some TestClientProtocol, _ items: [(key: String, value: String)]) async throws {
        let writer = try await publisher()
        for item in items {
            let response = try await client.send(.put, "\(Self.items)/\(item.key)", token: writer, body: item.value)
            try #require(response.status == .created || response.status == .ok, "\(response.text)")
        }
    }

    /// Makes the set require approval.
    static func requireApproval(_ client: some TestClientProtocol) async throws {
        let response = try await client.send(
            .put, "\(set)/policy", token: try await admin(), body: #"{"requireApproval": true}"#)
        try #require(response.status == .ok, "\(response.text)")
    }

    /// The set's versions after `version`, as the history lists them.
    static func versions(_ client: some TestClientProtocol, after version: Int) async throws -> [JSONValue] {
        let page = try await client.send(.get, "\(set)/versions?after=\(version)", token: try await publisher())
        guard case .array(let versions)? = page["versions"] else { throw DraftFixtureFailed(page.text) }
        return versions
    }
}

struct DraftFixtureFailed: Error {
    let body: String

    init(_ body: String) {
        self.body = body
    }
}
