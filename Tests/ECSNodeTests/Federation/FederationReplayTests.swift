import KVStore
import Testing

@testable import ECSNode

/// Replaying a home region's outbox in another region (`federation.apply`), on real LMDB files.
@Suite("Federation: replaying another region's commands")
struct FederationReplayTests {
    private static func tenantPut(_ tenant: String, home: String = "eu", residency: Residency) -> Command {
        Command(
            actor: "admin", issuedAt: 1_700_000_000_000,
            action: .putTenant(TenantPut(tenant: tenant, edition: "pro", homeRegion: home, residency: residency)))
    }

    /// The home's outbox after `after`, as the replays a puller in another region would propose.
    private static func replays(
        from home: TestStateEnvironment, region: String = "eu", after: UInt64 = 0
    ) throws
        -> [FederationReplay]
    {
        let outbox = FederationOutbox(tables: try ConfigTables(in: home.environment))
        let entries = try home.environment.read { try outbox.commands(after: after, upTo: .max, limit: 1_000, in: $0) }
        var previous = after
        return try entries.map { entry in
            defer { previous = entry.index }
            return FederationReplay(
                region: region, after: previous, index: entry.index, command: try Command.decode(entry.bytes))
        }
    }

    private static func replay(
        _ replay: FederationReplay, in remote: TestStateEnvironment, at index: UInt64
    ) throws
        -> CommandOutcome
    {
        try remote.apply(Command(actor: "region:eu", issuedAt: 1_700_000_000_500, action: .replay(replay)), at: index)
    }

    /// Every row of `table`, as (key, value) pairs.
    private static func rows(
        _ table: KeyPath<ConfigTables, Database>, of state: TestStateEnvironment
    ) throws
        -> [[UInt8]]
    {
        let tables = try ConfigTables(in: state.environment)
        return try state.environment.read { transaction in
            try transaction.entries(in: tables[keyPath: table], range: .all).map { $0.key + [0xFF] + $0.value }
        }
    }

    /// A home region with a replicated tenant (two writes), a strict one and a platform value.
    private static func home() throws -> TestStateEnvironment {
        let home = try TestStateEnvironment()
        try home.apply(tenantPut("initech", residency: .replicated), at: 1)
        try home.apply(Commands.put("retry.max", 3, tenant: "initech"), at: 2)
        try home.apply(tenantPut("hooli", residency: .strict), at: 3)
        try home.apply(Commands.put("secret-marker", 1, tenant: "hooli"), at: 4)
        try home.apply(Commands.put("timeout", 30, tenant: "*", scope: .global), at: 5)
        try home.apply(Commands.put("retry.max", 4, tenant: "initech"), at: 6)
        return home
    }

    @Test("replayed in order, the copy's values, directory and change counts equal the home's; nothing echoes back")
    func copyFollowsHome() throws {
        let home = try Self.home()
        let remote = try TestStateEnvironment()
        for (offset, replay) in try Self.replays(from: home).enumerated() {
            let outcome = try Self.replay(replay, in: remote, at: UInt64(offset + 1))
            #expect(outcome == .federated(FederationReceipt(region: "eu", position: replay.index)))
        }
        let strictSet = TableKeys.setID(.tenant("hooli"), "payments")
        let homeShared = try Self.rows(\.layers, of: home).filter { !$0.starts(with: strictSet) }
        #expect(try Self.rows(\.layers, of: remote) == homeShared, "every layer but the strict tenant's")
        #expect(homeShared.count == 2)
        #expect(try Self.rows(\.tenants, of: remote) == Self.rows(\.tenants, of: home))
        #expect(try Self.rows(\.federationVersions, of: remote) == Self.rows(\.federationVersions, of: home))
        #expect(try Self.rows(\.outbox, of: remote).isEmpty, "a replayed command must not be shared again")
        let remoteTables = try ConfigTables(in: remote.environment)
        let position = try remote.environment.read {
            try FederationProgress(tables: remoteTables).position(of: "eu", in: $0)
        }
        #expect(position.index == 6)
    }

    @Test("a replay that does not continue the position — twice, out of order, after a gap — changes nothing")
    func outOfOrder() throws {
        let home = try Self.home()
        let replays = try Self.replays(from: home)
        let remote = try TestStateEnvironment()
        for (offset, replay) in [replays[1], replays[0], replays[0], replays[1]].enumerated() {
            let outcome = try Self.replay(replay, in: remote, at: UInt64(offset + 1))
            let expected = offset == 1 || offset == 3  // only index 1 after 0, then index 2 after 1
            if expected {
                #expect(outcome == .federated(FederationReceipt(region: "eu", position: replay.index)))
            } else {
                guard case .rejected(let rejection) = outcome else {
                    Issue.record("expected a refusal for replay \(offset), got \(outcome)")
                    continue
                }
                #expect(rejection.reason == .federationOutOfOrder)
            }
        }
        let versions = try Self.rows(\.versions, of: remote)
        #expect(versions.count == 1, "the first item write was applied exactly once")
    }

    @Test("a tenant's change waits for the directory change that creates the tenant, then applies")
    func waitsForDirectory() throws {
        let home = try Self.home()
        let itemReplay = try Self.replays(from: home)[1]
        let remote = try TestStateEnvironment()
        // Seen from another region (us), whose directory copy comes from the platform region.
        let first = try Self.replay(
            FederationReplay(region: "eu", after: 0, index: itemReplay.index, command: itemReplay.command), in: remote,
            at: 1)
        guard case .rejected(let rejection) = first else {
            Issue.record("expected the replay to wait, got \(first)")
            return
        }
        #expect(rejection.reason == .federationWaiting)
        try remote.apply(Self.tenantPut("initech", residency: .replicated), at: 2)
        let second = try Self.replay(
            FederationReplay(region: "eu", after: 0, index: itemReplay.index, command: itemReplay.command), in: remote,
            at: 3)
        #expect(second == .federated(FederationReceipt(region: "eu", position: itemReplay.index)))
    }

    @Test("a strict tenant's command and one from a region that is not the tenant's home are passed over")
    func passedOver() throws {
        let remote = try TestStateEnvironment()
        try remote.apply(Self.tenantPut("hooli", residency: .strict), at: 1)
        try remote.apply(Self.tenantPut("initech", home: "ap", residency: .replicated), at: 2)
        let strictWrite = FederationReplay(
            region: "eu", after: 0, index: 7, command: Commands.put("secret-marker", 1, tenant: "hooli"))
        let foreignWrite = FederationReplay(
            region: "eu", after: 7, index: 9, command: Commands.put("k", 1, tenant: "initech"))
        let skipped = FederationReplay(region: "eu", after: 9, index: 12, command: nil)
        for (offset, replay) in [strictWrite, foreignWrite, skipped].enumerated() {
            #expect(
                try Self.replay(replay, in: remote, at: UInt64(offset + 3))
                    == .federated(FederationReceipt(region: "eu", position: replay.index)))
        }
        #expect(try Self.rows(\.layers, of: remote).isEmpty)
        #expect(try Self.rows(\.versions, of: remote).isEmpty)
    }

    @Test("a replay round-trips through the log's bytes, the carried command included")
    func coding() throws {
        let replay = FederationReplay(
            region: "eu", after: 3, index: 9, command: Commands.put("retry.max", 3, tenant: "initech"))
        let command = Command(actor: "region:eu", issuedAt: 5, action: .replay(replay))
        #expect(try Command.decode(command.encoded()) == command)
        let skip = Command(
            actor: "region:eu", issuedAt: 5, action: .replay(FederationReplay(region: "eu", after: 3, index: 9)))
        #expect(try Command.decode(skip.encoded()) == skip)
    }
}
