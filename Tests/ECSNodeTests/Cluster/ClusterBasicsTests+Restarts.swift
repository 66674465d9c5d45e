import Foundation
import Testing

extension ClusterTests.ClusterBasicsTests {
    @Test("SIGTERM drains the leader and exits 0; restarted on its data it serves every write")
    func sigtermAndRestart() async throws {
        try await LocalCluster.run { cluster in
            let leader = try await cluster.awaitLeader()
            let before = try await cluster.http.putItem(
                leader.baseURL, tenant: "acme", set: "app", key: "colour", value: 1
            ).decode(WriteReceipt.self, expecting: [201])

            let termination = await cluster.terminate(leader.id)
            #expect(termination == .exited(0), "\(cluster.logTails())")

            // The two others still form a quorum.
            let survivor = cluster.followers(of: leader)[0]
            let during = try await poll("a write accepted without \(leader.id)", timeout: .seconds(15)) {
                let reply = try await cluster.http.putItem(
                    survivor.baseURL, tenant: "acme", set: "app", key: "size", value: 2)
                return reply.status == 503 ? nil : try reply.decode(WriteReceipt.self)
            }
            #expect(during.index > before.index && during.version == 2)

            try cluster.start(leader.id)
            try await cluster.awaitReady([leader.id])
            let read = try await cluster.http.readConfig(
                leader.baseURL, tenant: "acme", consistency: .local, minIndex: during.index)
            let config = try read.decode(ConfigDocument.self)
            #expect(config.value("app", "colour") == 1)
            #expect(config.value("app", "size") == 2)
        }
    }

    @Test("after kill -9 of the leader another is elected and writes succeed again")
    func leaderKillNine() async throws {
        try await LocalCluster.run { cluster in
            let oldLeader = try await cluster.awaitLeader()
            let first = try await cluster.http.putItem(
                oldLeader.baseURL, tenant: "acme", set: "app", key: "mode", value: 1
            ).decode(WriteReceipt.self, expecting: [201])

            try await cluster.killNine(oldLeader.id)
            let newLeader = try await cluster.awaitLeader()
            #expect(newLeader != oldLeader)
            let follower = try #require(cluster.followers(of: newLeader).first { $0 != oldLeader })
            let second = try await cluster.http.putItem(
                follower.baseURL, tenant: "acme", set: "app", key: "mode", value: 2
            ).decode(WriteReceipt.self)
            #expect(second.version == first.version + 1)

            try cluster.start(oldLeader.id)
            try await cluster.awaitReady([oldLeader.id])
            let read = try await cluster.http.readConfig(
                oldLeader.baseURL, tenant: "acme", consistency: .local, minIndex: second.index)
            #expect(try read.decode(ConfigDocument.self).value("app", "mode") == 2)
        }
    }
}
