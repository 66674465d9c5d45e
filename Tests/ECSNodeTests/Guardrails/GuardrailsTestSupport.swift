import HummingbirdTesting

@testable import ECSNode

extension TestResponse {
    /// The `violations` of a problem body (empty when it has none).
    var violations: [Violation] {
        get throws { try JSONFields(json).records("violations") }
    }

    /// Each violation as `code path`, for terse expectations.
    var violationSummary: [String] {
        get throws { try violations.map { "\($0.code) \($0.path)" } }
    }

    /// The body as text, to check what it does not contain.
    var text: String { String(buffer: body) }
}

/// Paths and tokens the guardrail tests share.
enum Guarded {
    static let set = "/v1/tenants/acme/sets/payments"
    static let items = set + "/items"
    static let schema = set + "/schema"
    static let policy = set + "/policy"

    static func admin() async throws -> String {
        try await TestTokens.bearer(tenant: "acme", scopes: [.admin])
    }

    static func writer() async throws -> String {
        try await TestTokens.bearer(tenant: "acme", scopes: [.write, .read])
    }

    /// Tokens that may not change `acme`'s set rules: its writer, a reader-approver, another
    /// tenant's admin, and a platform token without `ecs:admin`.
    static func nonAdmins() async throws -> [String] {
        [
            try await writer(), try await TestTokens.bearer(tenant: "acme", scopes: [.read, .approve]),
            try await TestTokens.bearer(tenant: "globex", scopes: [.admin]),
            try await TestTokens.bearer(tenant: "*", scopes: [.read, .write]),
        ]
    }
}
