import Foundation
import KVStore

@testable import ECSNode

/// A real LMDB state environment in a fresh temporary folder, with the config tables opened and
/// the tenants the tests write to (`TestStateEnvironment.tenants`, edition `pro`) in the
/// directory, removed again when the value is released. Each test gets its own, so tests run in
/// parallel. The tenants are written straight into the table, so they take no log index.
final class TestStateEnvironment: Sendable {
    let environment: Environment
    let path: String

    init(_ purpose: String = #function) throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "ecs-node-\(purpose.filter(\.isLetter))-\(UUID().uuidString)")
        var options = EnvironmentOptions()
        options.durability = .deferred
        options.mapSize = 16 << 20
        environment = try Environment.open(at: path, options: options)
        try ConfigStateMachine.prepare(environment)
        for tenant in Self.tenants { try addTenant(tenant) }
    }

    /// Writes tenant `name` (edition `pro`, a strict tenant of `eu` unless told) straight into the
    /// directory, without a log index.
    func addTenant(
        _ name: String, edition: String = "pro", homeRegion: String = "eu", residency: Residency = .strict
    ) throws {
        let tables = try ConfigTables(in: environment)
        let record = TenantRecord(
            tenant: name, edition: edition, homeRegion: homeRegion, residency: residency, createdAt: 0, updatedAt: 0)
        try environment.write { transaction in
            try transaction.put(RecordCoding.encode(record), forKey: TableKeys.tenant(name), in: tables.tenants)
        }
    }

    /// The tenants every test environment starts with.
    static let tenants = ["acme", "globex"]

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Applies `command` at `index` in its own write transaction and returns the typed outcome.
    @discardableResult
    func apply(_ command: Command, at index: UInt64) throws -> CommandOutcome {
        try apply(bytes: command.encoded(), at: index)
    }

    /// Applies raw bytes as a log entry, as the Raft shell would.
    @discardableResult
    func apply(bytes: [UInt8], at index: UInt64) throws -> CommandOutcome {
        let environment = self.environment
        return try environment.write { transaction in
            try ConfigStateMachine().apply(bytes, at: index, in: transaction, environment: environment)
        }
    }

    /// Resolves `query` against the current state.
    func resolve(_ query: ConfigQuery) throws -> ResolvedConfig {
        let tables = try ConfigTables(in: environment)
        return try environment.read { try ConfigResolver(tables: tables, transaction: $0).resolve(query) }
    }

    /// Every entry of every config table but `audit` (a refused command is recorded there, so it
    /// has its own tests), by table name: what must be byte-identical on every node.
    func dumpTables() throws -> [String: [Entry]] {
        let tables = try ConfigTables(in: environment)
        let named = [
            ConfigTables.setsName: tables.sets, ConfigTables.versionsName: tables.versions,
            ConfigTables.layersName: tables.layers, ConfigTables.eventsName: tables.events,
            ConfigTables.idempotencyName: tables.idempotency,
            ConfigTables.idempotencyExpiryName: tables.idempotencyExpiry,
            ConfigTables.schemasName: tables.schemas, ConfigTables.policiesName: tables.policies,
            ConfigTables.draftsName: tables.drafts,
        ]
        return try environment.read { transaction in
            try named.mapValues { try transaction.entries(in: $0) }
        }
    }
}

/// Builders of commands for tests.
enum Commands {
    static func put(
        _ key: String, _ value: JSONValue, tenant: String = "acme", set: String = "payments", scope: Scope = .tenant,
        ifMatch: String? = nil, actor: String = "alice", at: Int64 = 1_700_000_000_000, idempotencyKey: String? = nil
    ) -> Command {
        let action = Command.Action.putItem(
            ItemPut(
                address: ItemAddress(namespace: namespace(tenant), set: set, scope: scope, key: key), value: value,
                expectedETag: ifMatch))
        return Command(
            actor: actor, issuedAt: at, action: action,
            idempotency: idempotencyKey.map { IdempotencyClaim(key: $0, for: action) })
    }

    static func delete(
        _ key: String, tenant: String = "acme", set: String = "payments", scope: Scope = .tenant, ifMatch: String? = nil
    ) -> Command {
        Command(
            actor: "alice", issuedAt: 1_700_000_000_000,
            action: .deleteItem(
                ItemDelete(
                    address: ItemAddress(namespace: namespace(tenant), set: set, scope: scope, key: key),
                    expectedETag: ifMatch)))
    }

    static func putSchema(_ document: JSONValue, tenant: String = "acme", set: String = "payments") -> Command {
        Command(
            actor: "admin", issuedAt: 1_700_000_000_000,
            action: .putSchema(
                SchemaPut(address: SchemaAddress(namespace: namespace(tenant), set: set), document: document)))
    }

    static func deleteSchema(tenant: String = "acme", set: String = "payments") -> Command {
        Command(
            actor: "admin", issuedAt: 1_700_000_000_000,
            action: .deleteSchema(SchemaDelete(address: SchemaAddress(namespace: namespace(tenant), set: set))))
    }

    static func putPolicy(requireApproval: Bool, tenant: String = "acme", set: String = "payments") -> Command {
        Command(
            actor: "admin", issuedAt: 1_700_000_000_000,
            action: .putPolicy(
                PolicyPut(
                    address: SetAddress(tenant: tenant, set: set), policy: SetPolicy(requireApproval: requireApproval)))
        )
    }

    static func createDraft(
        _ changes: [DraftChange], tenant: String = "acme", set: String = "payments", by actor: String = "alice"
    ) -> Command {
        Command(
            actor: actor, issuedAt: 1_700_000_000_000,
            action: .createDraft(
                DraftCreate(address: SetAddress(tenant: tenant, set: set), message: "raise retries", changes: changes)))
    }

    /// Approves the draft created at log index `index`.
    static func approveDraft(
        _ index: UInt64, by actor: String, tenant: String = "acme", set: String = "payments"
    )
        -> Command
    {
        Command(actor: actor, issuedAt: 1_700_000_000_000, action: .approveDraft(draft(index, tenant, set)))
    }

    /// Publishes the draft created at log index `index`.
    static func publishDraft(
        _ index: UInt64, by actor: String, tenant: String = "acme", set: String = "payments"
    )
        -> Command
    {
        Command(actor: actor, issuedAt: 1_700_000_000_000, action: .publishDraft(draft(index, tenant, set)))
    }

    private static func draft(_ index: UInt64, _ tenant: String, _ set: String) -> DraftReference {
        DraftReference(address: SetAddress(tenant: tenant, set: set), id: DraftID(index: index))
    }

    /// `*` is the platform namespace.
    private static func namespace(_ tenant: String) -> Namespace {
        tenant == "*" ? .platform : .tenant(tenant)
    }
}

extension CommandOutcome {
    /// The receipt, or `nil` for a rejection.
    var receipt: ECSNode.WriteReceipt? {
        if case .written(let receipt) = self { receipt } else { nil }
    }

    /// The rejection's reason, or `nil` for a write.
    var rejectionReason: Rejection.Reason? {
        rejection?.reason
    }

    /// The rejection, or `nil` for anything else.
    var rejection: Rejection? {
        if case .rejected(let rejection) = self { rejection } else { nil }
    }
}
