import KVStore
import Testing

@testable import ECSNode

/// The home region's outbox of commands other regions replay, on real LMDB files.
@Suite("Federation: the outbox of shared commands")
struct FederationOutboxTests {
    private static func tenantPut(_ tenant: String, residency: Residency) -> Command {
        Command(
            actor: "admin", issuedAt: 1_700_000_000_000,
            action: .putTenant(TenantPut(tenant: tenant, edition: "pro", homeRegion: "eu", residency: residency)))
    }

    /// The outbox as (index, command type) pairs, oldest first.
    private static func outbox(
        _ state: TestStateEnvironment, retention: UInt64 = FederationOutbox.defaultRetention
    )
        throws -> [(UInt64, String)]
    {
        let outbox = FederationOutbox(tables: try ConfigTables(in: state.environment), retention: retention)
        return try state.environment.read { transaction in
            try outbox.commands(after: 0, upTo: .max, limit: 1_000, in: transaction).map {
                ($0.index, try Command.decode($0.bytes).action.typeName)
            }
        }
    }

    @Test(
        "a replicated tenant's changes, the platform's and every directory change are kept; a strict tenant's values never"
    )
    func sharedCommands() throws {
        let state = try TestStateEnvironment()
        try state.apply(Self.tenantPut("initech", residency: .replicated), at: 1)
        try state.apply(Commands.put("retry.max", 3, tenant: "initech"), at: 2)
        try state.apply(Commands.put("secret-marker", 1, tenant: "acme"), at: 3)
        try state.apply(Commands.put("timeout", 30, tenant: "*", scope: .global), at: 4)
        try state.apply(Self.tenantPut("hooli", residency: .strict), at: 5)
        try state.apply(Commands.put("plan", 1, tenant: "hooli"), at: 6)
        let kept = try Self.outbox(state)
        #expect(kept.map(\.0) == [1, 2, 4, 5])
        #expect(kept.map(\.1) == ["tenant.put", "item.put", "item.put", "tenant.put"])
    }

    @Test("refusals and idempotent replays change nothing, so nothing of them is kept")
    func refusalsLeftOut() throws {
        let state = try TestStateEnvironment()
        try state.apply(Self.tenantPut("initech", residency: .replicated), at: 1)
        let refused = try state.apply(Commands.put("k", 1, tenant: "initech", ifMatch: "stale"), at: 2)
        guard case .rejected = refused else {
            Issue.record("expected a refusal, got \(refused)")
            return
        }
        try state.apply(Commands.put("k", 1, tenant: "initech", idempotencyKey: "once"), at: 3)
        let replayed = try state.apply(Commands.put("k", 1, tenant: "initech", idempotencyKey: "once"), at: 4)
        guard case .replayed = replayed else {
            Issue.record("expected a replay, got \(replayed)")
            return
        }
        #expect(try Self.outbox(state).map(\.0) == [1, 3])
    }

    @Test("the kept bytes are the command exactly as it came through the log")
    func exactBytes() throws {
        let state = try TestStateEnvironment()
        try state.apply(Self.tenantPut("initech", residency: .replicated), at: 1)
        let command = Commands.put("retry.max", 3, tenant: "initech")
        try state.apply(command, at: 2)
        let outbox = FederationOutbox(tables: try ConfigTables(in: state.environment))
        let kept = try state.environment.read { try outbox.commands(after: 1, upTo: 2, limit: 10, in: $0) }
        #expect(kept.map(\.bytes) == [command.encoded()])
    }

    @Test("commands fall out of a window of log indexes; the floor says where a remote must start over")
    func retention() throws {
        let state = try TestStateEnvironment()
        try state.apply(Self.tenantPut("initech", residency: .replicated), at: 1)
        for index in 2...5 {
            try state.apply(Commands.put("k", .integer(Int64(index)), tenant: "initech"), at: UInt64(index))
        }
        let outbox = FederationOutbox(tables: try ConfigTables(in: state.environment), retention: 2)
        let command = Commands.put("k", 6, tenant: "initech")
        let written = ECSNode.WriteReceipt(
            namespace: .tenant("initech"), set: "payments", version: 5, etag: "e", index: 6, created: false)
        try state.environment.write { transaction in
            try outbox.record(command.encoded(), of: command, outcome: .written(written), at: 6, in: transaction)
        }
        #expect(try state.environment.read { try outbox.floor(in: $0) } == 4)
        let kept = try state.environment.read { try outbox.commands(after: 0, upTo: .max, limit: 10, in: $0) }
        #expect(kept.map(\.index) == [5, 6])
    }
}
