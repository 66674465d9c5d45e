import Foundation
import Testing

extension ClusterTests.ClusterBasicsTests {
    /// Snapshots every 50 entries keeping only 10 behind them, so a follower that misses 300
    /// writes can only catch up by installing the leader's snapshot.
    static let smallSnapshots = """
        tuning:
          snapshot-entries: 50
          snapshot-catch-up-entries: 10
        """

    @Test("a follower that missed 300 writes catches up by installing the leader's snapshot")
    func snapshotCatchUp() async throws {
        try await LocalCluster.run(config: Self.smallSnapshots) { cluster in
            let leader = try await cluster.awaitLeader()
            let lagging = cluster.followers(of: leader)[0]
            try await cluster.killNine(lagging.id)

            // Five writers, one key each, 60 writes apiece: the last value of each key is known.
            let keys = (0..<5).map { "key-\($0)" }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for key in keys {
                    group.addTask {
                        for value in 1...60 {
                            _ = try await cluster.http.putItem(
                                leader.baseURL, tenant: "acme", set: "bulk", key: key, value: value
                            ).decode(WriteReceipt.self, expecting: [200, 201])
                        }
                    }
                }
                try await group.waitForAll()
            }
            let target = try await cluster.http.status(leader.baseURL).commitIndex

            try cluster.start(lagging.id)
            _ = try await poll("\(lagging.id) to apply index \(target)\n\(cluster.logTails())", timeout: .seconds(30)) {
                let status = try? await cluster.http.status(lagging.baseURL)
                return status.map { $0.appliedIndex >= target } == true ? true : nil
            }
            let read = try await cluster.http.readConfig(lagging.baseURL, tenant: "acme", consistency: .local)
            let config = try read.decode(ConfigDocument.self)
            #expect(config.sets["bulk"]?.items == Dictionary(uniqueKeysWithValues: keys.map { ($0, 60) }))
            #expect(config.sets["bulk"]?.version == 300)
            #expect(
                cluster.log(lagging.id).contains("installed the leader's snapshot"),
                "\(lagging.id) caught up without a snapshot:\n\(cluster.logTails(lines: 60))")
        }
    }
}
