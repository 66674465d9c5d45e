import Admin
import Foundation
import HTTPTypes
import HummingbirdTesting
import KVStore
import Testing

@testable import ECSNode

/// `GET /v1/cluster/snapshot` over a real LMDB state: a platform admin gets a whole backup file
/// whose payload is the state, and nobody else gets anything.
@Suite("HTTP: /v1/cluster/snapshot")
struct BackupRouteTests {
    @Test("streams header, the state's copy and a matching SHA-256, then deletes its copy")
    func streamsABackup() async throws {
        let harness = try APITestHarness()
        let environment = harness.state.environment
        try StateStore.prepareTables(in: environment)
        var applied = AppliedState()
        (applied.index, applied.term) = (57, 3)
        try environment.write { try applied.store(in: $0, in: environment) }
        let fixture = try BackupFixture()
        let scratch = fixture.folder + "/scratch"
        var dependencies = harness.dependencies()
        dependencies.backupScratchFolder = scratch
        let admin = try await TestTokens.platformAdmin()

        try await harness.application(with: dependencies).test(.router) { client in
            let response = try await client.send(.get, "/v1/cluster/snapshot", token: admin)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/octet-stream")
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"ecs-eu-57.ecsbackup\"")
            let bytes = Array(response.body.readableBytesView)
            #expect(response.headers[.contentLength] == "\(bytes.count)")

            let backup = try BackupFile.verify(at: try fixture.write(bytes))
            #expect(backup.header.region == "eu" && backup.header.appliedIndex == 57 && backup.header.appliedTerm == 3)
            #expect(backup.header.createdAt == TestTokens.now)
            let cluster = NodeNaming.clusterID(forRegion: "eu")
            #expect(backup.header.clusterID.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } == cluster.high)

            // The payload is an LMDB copy of the state: the tenants are in it.
            let copy = fixture.folder + "/copy"
            try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
            try BackupFile.extractPayload(of: backup, at: fixture.folder + "/backup.ecsbackup", to: copy + "/data.mdb")
            let restored = try Environment.open(at: copy)
            let tables = try ConfigTables(in: restored)
            let tenants = try restored.read { try $0.count(in: tables.tenants) }
            #expect(tenants == TestStateEnvironment.tenants.count)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty, "the copy is deleted")
    }

    @Test("a tenant's admin token is refused 403, no token 401; nothing is copied")
    func onlyThePlatformAdmin() async throws {
        let harness = try APITestHarness()
        let fixture = try BackupFixture()
        var dependencies = harness.dependencies()
        dependencies.backupScratchFolder = fixture.folder + "/scratch"
        let tenantAdmin = try await TestTokens.bearer(tenant: "acme", scopes: [.read, .write, .admin])
        try await harness.application(with: dependencies).test(.router) { client in
            let forbidden = try await client.send(.get, "/v1/cluster/snapshot", token: tenantAdmin)
            #expect(forbidden.status == .forbidden)
            #expect(forbidden.headers[.contentType] == "application/problem+json")
            let anonymous = try await client.send(.get, "/v1/cluster/snapshot")
            #expect(anonymous.status == .unauthorized)
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.folder + "/scratch"))
    }

    @Test("a node that cannot confirm its state is current answers 503, not a stale backup")
    func noQuorum() async throws {
        let harness = try APITestHarness()
        harness.consensus.failReadBarriers(with: .unavailable(reason: "no quorum"))
        let admin = try await TestTokens.platformAdmin()
        try await harness.application().test(.router) { client in
            let response = try await client.send(.get, "/v1/cluster/snapshot", token: admin)
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] != nil)
        }
    }
}
