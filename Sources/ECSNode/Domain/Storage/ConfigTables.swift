import KVStore

/// The config state machine's tables: named LMDB databases of the state environment.
///
/// | table      | key                                      | value                          |
/// |------------|------------------------------------------|--------------------------------|
/// | `sets`     | namespace `\0` set                       | `SetRecord` (head version, etag) |
/// | `versions` | set id (16 bytes) ++ version (8, BE)     | `VersionRecord` (immutable, with its changes) |
/// | `layers`   | set id ++ scope `\0` key                 | canonical JSON of the value at head |
/// | `events`   | Raft index (8, BE); index 0: the floor   | `EventRecord` (what the watch streams), pruned by `EventLog` |
/// | `tenants`  | tenant name                              | `TenantRecord` (edition, home region, residency) |
/// | `audit`    | namespace `\0` seq (8, BE)               | `AuditRecord` (hash-chained per namespace) |
/// | `audit-heads` | namespace `\0`                       | `AuditHead` of that trail (its last seq and hash) |
/// | `idempotency` | namespace `\0` Idempotency-Key       | `IdempotencyRecord` (hash, first outcome, time, index) |
/// | `idempotency-expiry` | issuedAt (8, ordered) ++ index (8, BE) | the `idempotency` key it expires: pruned oldest first by `IdempotencyLedger` |
/// | `schemas`  | namespace `\0` set                       | `SchemaRecord` (the set's JSON Schema) |
/// | `policies` | namespace `\0` set                       | `SetPolicy` (`requireApproval`) |
/// | `drafts`   | set id ++ draft index (8, BE)            | `DraftRecord` (changes, approvals, publication) |
/// | `outbox`   | Raft index (8, BE); index 0: the floor   | the bytes of a command other regions replay (`FederationOutbox`) |
/// | `federation-positions` | remote region name               | `FederationPosition`: the last of its commands replayed here |
/// | `federation-versions`  | namespace                        | `FederationVersion`: its count of shared changes (`FederationProgress`) |
///
/// A set id is a digest of (namespace, set) rather than the names themselves because a layer key
/// spelled out in full (tenant + set + `app:E/A` + a 256-character key) can exceed LMDB's 511-byte
/// key limit. Schemas and policies are keyed like `sets` but kept apart from it: a set may have
/// them before its first version, and `sets` stays the list of sets that have versions; so may
/// drafts, keyed by the set id like versions so that a set's drafts are one prefix scan in
/// creation order. The names `meta` and `members` belong to the Raft shell.
struct ConfigTables: Sendable {
    let sets: Database
    let versions: Database
    let layers: Database
    let events: Database
    let tenants: Database
    let audit: Database
    let auditHeads: Database
    let idempotency: Database
    let idempotencyExpiry: Database
    let schemas: Database
    let policies: Database
    let drafts: Database
    let outbox: Database
    let federationPositions: Database
    let federationVersions: Database

    static let setsName = "sets"
    static let versionsName = "versions"
    static let layersName = "layers"
    static let eventsName = "events"
    static let tenantsName = "tenants"
    static let auditName = "audit"
    static let auditHeadsName = "audit-heads"
    static let idempotencyName = "idempotency"
    static let idempotencyExpiryName = "idempotency-expiry"
    static let schemasName = "schemas"
    static let policiesName = "policies"
    static let draftsName = "drafts"
    static let outboxName = "outbox"
    static let federationPositionsName = "federation-positions"
    static let federationVersionsName = "federation-versions"

    /// The handles of every table in `environment`, creating the tables on first use.
    ///
    /// Opening a table that `environment` has not opened yet needs a write transaction of its
    /// own, so the first call on an environment must happen outside any transaction (at start-up
    /// and after installing a snapshot: `ConfigStateMachine.prepare(_:)`). Later calls are
    /// answered from the handles kept with the environment and are safe inside a transaction.
    init(in environment: Environment) throws {
        self = try environment.derived(ConfigTables.self) { try ConfigTables(opening: $0) }
    }

    private init(opening environment: Environment) throws {
        sets = try environment.database(Self.setsName)
        versions = try environment.database(Self.versionsName)
        layers = try environment.database(Self.layersName)
        events = try environment.database(Self.eventsName)
        tenants = try environment.database(Self.tenantsName)
        audit = try environment.database(Self.auditName)
        auditHeads = try environment.database(Self.auditHeadsName)
        idempotency = try environment.database(Self.idempotencyName)
        idempotencyExpiry = try environment.database(Self.idempotencyExpiryName)
        schemas = try environment.database(Self.schemasName)
        policies = try environment.database(Self.policiesName)
        drafts = try environment.database(Self.draftsName)
        outbox = try environment.database(Self.outboxName)
        federationPositions = try environment.database(Self.federationPositionsName)
        federationVersions = try environment.database(Self.federationVersionsName)
    }
}
