import Foundation

/// The state machine's answer to one command, returned to the proposer through the Raft shell
/// (`AppliedCommand.outcome`) and turned into an HTTP response by the API.
///
/// A refusal is an outcome, not an error: it is as deterministic as a success (every node
/// refuses the same entry the same way) and the log entry stays applied.
enum CommandOutcome: Equatable, Sendable {
    /// A new version was published.
    case written(WriteReceipt)
    /// A tenant was created or changed.
    case tenant(TenantReceipt)
    /// Nothing changed, and why.
    case rejected(Rejection)

    /// The bytes handed back to the proposer.
    func encoded() -> [UInt8] {
        let wire =
            switch self {
            case .written(let receipt): Wire(written: receipt)
            case .tenant(let receipt): Wire(tenant: receipt)
            case .rejected(let rejection): Wire(rejected: rejection)
            }
        do {
            return try RecordCoding.encode(wire)
        } catch {
            preconditionFailure("a CommandOutcome always encodes, this one did not: \(self): \(error)")
        }
    }

    /// Reads an outcome produced by `encoded()`.
    static func decode(_ bytes: [UInt8]) throws -> CommandOutcome {
        let wire = try JSONDecoder().decode(Wire.self, from: Data(bytes))
        switch (wire.written, wire.tenant, wire.rejected) {
        case (let receipt?, nil, nil): return .written(receipt)
        case (nil, let receipt?, nil): return .tenant(receipt)
        case (nil, nil, let rejection?): return .rejected(rejection)
        default:
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "an outcome is exactly one of written, tenant and rejected"))
        }
    }

    /// `{"written": {…}}`, `{"tenant": {…}}` or `{"rejected": {…}}`.
    private struct Wire: Codable {
        var written: WriteReceipt?
        var tenant: TenantReceipt?
        var rejected: Rejection?
    }
}

/// A published version: the body of a write response, less its HTTP form.
struct WriteReceipt: Codable, Equatable, Sendable {
    var namespace: Namespace
    var set: String
    var version: UInt64
    var etag: String
    /// The Raft log index of the entry that published the version.
    var index: UInt64
    /// Whether this was the set's first version (the API answers 201 rather than 200).
    var created: Bool
}

/// A command the state machine refused, leaving the state unchanged.
struct Rejection: Codable, Equatable, Sendable {
    /// The kinds of refusal; the API maps each to one status code.
    enum Reason: String, Codable, Sendable {
        /// The command's content is invalid (bad names, wrong scope for the namespace) — 400.
        case invalidCommand = "invalid-command"
        /// The entry was written by a format this build cannot read — 400.
        case unsupportedCommand = "unsupported-command"
        /// The item to delete is not there — 404.
        case notFound = "not-found"
        /// `If-Match` named an etag that is no longer the set's head — 412.
        case preconditionFailed = "precondition-failed"
        /// The tenant the command addresses does not exist — 404.
        case unknownTenant = "unknown-tenant"
    }

    var reason: Reason
    var detail: String
    var violations: [Violation] = []
}

extension Rejection {
    /// The one wording of "no such tenant", shared by writes and reads.
    static func unknownTenantDetail(_ tenant: String) -> String {
        "tenant '\(tenant)' does not exist; a platform admin creates it with PUT /v1/tenants/\(tenant)"
    }
}
