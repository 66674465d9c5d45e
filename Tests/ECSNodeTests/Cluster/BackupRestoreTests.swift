import Foundation
import Testing

extension ClusterTests {
    /// `ecsctl backup` from a live region and `ecsctl restore` into a new one, with the real
    /// binaries: the restored region holds exactly what the backup held and goes on from there.
    @Suite(.timeLimit(.minutes(3)))
    struct BackupRestoreTests {
        init() throws {
            try ClusterTests.requireNodeBinary()
            try #require(ECSCtlExecutable.isBuilt, Comment(rawValue: ECSCtlExecutable.missingHint))
        }

        /// The `--json` summary of `ecsctl backup` and `ecsctl restore`.
        struct Summary: Decodable {
            let region: String
            let index: UInt64
            let bytes: UInt64
            let sha256: String
        }

        /// A node refuses to start from a pending restore of another region or a damaged one, and
        /// leaves the backup where it was.
        static func expectStartRefusals(restoring file: String, in cluster: LocalCluster) async throws {
            let folder = cluster.folder.appendingPathComponent("refused")
            let placed = try ECSCtlTests.ecsctl(["restore", "--from", file, "--data-dir", folder.path], cluster)
            #expect(placed.status == 0, "\(placed)")
            let ports = try LoopbackPorts.pick(2)
            let arguments = cluster.arguments(for: cluster.voters[0])
                .setting("--data-dir", to: folder.path)
                .setting("--http", to: "127.0.0.1:\(ports[0])")
                .setting("--raft", to: "127.0.0.1:\(ports[1])")
                .setting("--peers", to: "n1=127.0.0.1:\(ports[1])")
            let otherRegion = try await StartupAttempt.run(
                arguments.setting("--region", to: "elsewhere"), scratch: cluster.folder)
            otherRegion.expectRefused()
            #expect(otherRegion.errorOutput.contains("the backup to restore is of region local, not elsewhere"))

            let pending = folder.appendingPathComponent("restore.ecsbackup")
            var bytes = try Data(contentsOf: pending)
            bytes[bytes.count / 2] ^= 0x10
            try bytes.write(to: pending)
            let damaged = try await StartupAttempt.run(arguments, scratch: cluster.folder)
            damaged.expectRefused()
            #expect(damaged.errorOutput.contains("its SHA-256 does not match"), "\(damaged.errorOutput)")
            #expect(FileManager.default.fileExists(atPath: pending.path))
        }

        @Test("backup, more writes, restore into three empty folders: exactly the backup's state, then new writes")
        func backupAndRestore() async throws {
            try await LocalCluster.run { cluster in
                let leader = try await cluster.awaitLeader()
                // A follower answers first: it must catch up with the leader before it copies.
                try ECSCtlTests.writeEndpoints(cluster.followers(of: leader) + [leader], in: cluster)
                for (key, value) in [("a", 1), ("b", 2)] {
                    _ = try await cluster.http.putItem(
                        leader.baseURL, tenant: "acme", set: "app", key: key, value: value
                    )
                    .decode(WriteReceipt.self, expecting: [200, 201])
                }
                let file = cluster.folder.appendingPathComponent("region.ecsbackup").path
                let backup = try ECSCtlTests.ecsctl(["backup", "--out", file, "--json", "--progress"], cluster)
                #expect(backup.status == 0, "\(backup)")
                #expect(backup.error.hasSuffix("(100%)\n"), "progress ends at 100%: \(backup)")
                let summary = try JSONDecoder().decode(Summary.self, from: Data(backup.output.utf8))
                let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as? UInt64
                #expect(summary.region == cluster.region && summary.bytes == size && summary.sha256.count == 64)

                // Written after the backup: gone once the region is restored from it.
                _ = try await cluster.http.putItem(leader.baseURL, tenant: "acme", set: "app", key: "c", value: 3)
                    .decode(WriteReceipt.self, expecting: [200, 201])
                _ = try await cluster.http.putItem(leader.baseURL, tenant: "acme", set: "app", key: "a", value: 10)
                    .decode(WriteReceipt.self, expecting: [200, 201])
                for spec in cluster.voters {
                    #expect(await cluster.terminate(spec.id) != nil, "\(spec.id) did not stop")
                }

                let refused = try ECSCtlTests.ecsctl(
                    ["restore", "--from", file, "--data-dir", cluster.voters[0].dataDirectory.path], cluster)
                #expect(refused.status == 2 && refused.output.isEmpty, "\(refused)")
                #expect(
                    refused.error == "ecsctl: \(cluster.voters[0].dataDirectory.path) is not empty; "
                        + "restore into an empty or missing data folder\n", "\(refused)")

                for spec in cluster.voters {
                    try FileManager.default.removeItem(at: spec.dataDirectory)
                    let restore = try ECSCtlTests.ecsctl(
                        ["restore", "--from", file, "--data-dir", spec.dataDirectory.path, "--json"], cluster)
                    #expect(restore.status == 0, "\(restore)")
                    let placed = try JSONDecoder().decode(Summary.self, from: Data(restore.output.utf8))
                    #expect(placed.index == summary.index && placed.sha256 == summary.sha256)
                }
                try await Self.expectStartRefusals(restoring: file, in: cluster)
                try cluster.startAll()
                try await cluster.awaitReady(cluster.voters.map(\.id))
                let restoredLeader = try await cluster.awaitLeader()

                for spec in cluster.voters {
                    #expect(
                        cluster.log(spec.id).contains("restored the backup of region local at index \(summary.index)"))
                    let read = try await cluster.http.readConfig(spec.baseURL, tenant: "acme")
                    let config = try read.decode(ConfigDocument.self)
                    #expect(config.sets["app"]?.items == ["a": 1, "b": 2], "\(spec.id)")
                    #expect(config.sets["app"]?.version == 2, "\(spec.id)")
                }
                let audit = try await cluster.http.send(
                    .GET, "\(restoredLeader.baseURL)/v1/tenants/acme/audit/verify")
                let verdict = try JSONSerialization.jsonObject(with: audit.body) as? [String: Any]
                #expect(audit.status == 200 && verdict?["ok"] as? Bool == true, "\(audit)")

                let write = try await cluster.http.putItem(
                    cluster.followers(of: restoredLeader)[0].baseURL, tenant: "acme", set: "app", key: "d", value: 4
                ).decode(WriteReceipt.self, expecting: [200, 201])
                #expect(write.version == 3 && write.index > summary.index)
                let status = try await cluster.http.status(restoredLeader.baseURL)
                #expect(status.members.map(\.id).sorted() == cluster.voters.map(\.id))
            }
        }
    }
}
