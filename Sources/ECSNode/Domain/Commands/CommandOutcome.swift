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

    /// The bytes handed back to the proposer: `{"written": {…}}`, `{"tenant": {…}}` or
    /// `{"rejected": {…}}`.
    func encoded() -> [UInt8] {
        let wire: JSONValue =
            switch self {
            case .written(let receipt): .object(["written": receipt.json])
            case .tenant(let receipt): .object(["tenant": receipt.json])
            case .rejected(let rejection): .object(["rejected": rejection.json])
            }
        return wire.canonicalBytes
    }

    /// Reads an outcome produced by `encoded()`.
    static func decode(_ bytes: [UInt8]) throws(RecordShapeError) -> CommandOutcome {
        let fields = try JSONFields(JSONValue.parseRecord(bytes))
        switch (
            try fields.optionalRecord("written", as: WriteReceipt.self),
            try fields.optionalRecord("tenant", as: TenantReceipt.self),
            try fields.optionalRecord("rejected", as: Rejection.self)
        ) {
        case (let receipt?, nil, nil): return .written(receipt)
        case (nil, let receipt?, nil): return .tenant(receipt)
        case (nil, nil, let rejection?): return .rejected(rejection)
        default: throw RecordShapeError("an outcome is exactly one of written, tenant and rejected")
        }
    }
}

/// A published version: the body of a write response, less its HTTP form.
struct WriteReceipt: Equatable, Sendable {
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
struct Rejection: Equatable, Sendable {
    /// The kinds of refusal; the API maps each to one status code.
    enum Reason: String, Sendable {
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
