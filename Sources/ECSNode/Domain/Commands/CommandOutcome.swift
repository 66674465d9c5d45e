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
    /// A set's schema was stored.
    case schema(SchemaReceipt)
    /// A set's schema was removed.
    case schemaDeleted(SchemaDeletion)
    /// A set's policy was stored.
    case policy(PolicyReceipt)
    /// A draft was created or approved: the draft as stored.
    case draft(DraftReceipt)
    /// A node's access report was appended to the audit trails.
    case accessRecorded(AccessReceipt)
    /// Another region's command was replayed (or passed over): federation's position.
    case federated(FederationReceipt)
    /// Nothing changed, and why.
    case rejected(Rejection)
    /// The command repeated an earlier one's `Idempotency-Key` and request: nothing changed, and
    /// this is the earlier command's outcome, to be answered again as it was (`IdempotencyLedger`).
    indirect case replayed(CommandOutcome)

    /// The bytes handed back to the proposer: `{"written": {…}}`, `{"tenant": {…}}`,
    /// `{"rejected": {…}}` or `{"replayed": {<one of those>}}`.
    func encoded() -> [UInt8] {
        jsonBytes
    }

    /// Reads an outcome produced by `encoded()`.
    static func decode(_ bytes: [UInt8]) throws(RecordShapeError) -> CommandOutcome {
        try CommandOutcome(jsonBytes: bytes)
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

/// A stored schema: the set it belongs to, and the record as stored.
struct SchemaReceipt: Equatable, Sendable {
    var address: SchemaAddress
    var record: SchemaRecord
}

/// A removed schema: the set it belonged to, and the log index that removed it.
struct SchemaDeletion: Equatable, Sendable {
    var address: SchemaAddress
    var index: UInt64
}

/// A stored policy: the set it belongs to, the policy, and the log index that stored it.
struct PolicyReceipt: Equatable, Sendable {
    var address: SetAddress
    var policy: SetPolicy
    var index: UInt64
}

/// A stored draft and the set it belongs to.
/// What an `audit.access` command did: how many audit records it appended (counters of tenants
/// that do not exist are left out).
struct AccessReceipt: Equatable, Sendable {
    var records: UInt64
}

struct DraftReceipt: Equatable, Sendable {
    var address: SetAddress
    var draft: DraftRecord
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
        /// The `Idempotency-Key` was used within 24 h for a different request — 422.
        case idempotencyKeyReused = "idempotency-key-reused"
        /// The value is larger than any node stores (`ValueSizeCap`) — 413.
        case valueTooLarge = "value-too-large"
        /// The set's policy requires changes to go through drafts and their approval — 409.
        case approvalRequired = "approval-required"
        /// The set as the command would leave it violates its schema or the secret guard; the
        /// violations list every problem — 422.
        case validationFailed = "validation-failed"
        /// The schema document does not compile (`ConfigSchema`); the violations say where — 422.
        case invalidSchema = "invalid-schema"
        /// A draft's author asked to approve it: an approval is someone else's review — 403.
        case selfApproval = "self-approval"
        /// The draft was already published; a draft is published once — 409.
        case draftPublished = "draft-published"
        /// A tenant's home region and residency are fixed when it is created — 409.
        case tenantSettingFixed = "tenant-setting-fixed"
        /// A `federation.apply` that does not continue the region's replay position — 409 (only
        /// the federation puller proposes these; it pulls again from the position).
        case federationOutOfOrder = "federation-out-of-order"
        /// A `federation.apply` whose command needs something this region does not have yet
        /// (a tenant the directory has not brought) — 409 (the puller retries later).
        case federationWaiting = "federation-waiting"
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

    /// A schema document that does not compile, with every problem: the same answer whether the
    /// HTTP layer or `apply` finds it.
    static func invalidSchema(
        _ error: SchemaDocumentError, detail: String = "the schema cannot be enforced as written"
    )
        -> Rejection
    {
        Rejection(reason: .invalidSchema, detail: detail, violations: error.violations)
    }
}
