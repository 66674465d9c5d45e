import Foundation
import Testing

extension ClusterTests.ClusterBasicsTests {
    @Test("a 4th node joins as a learner, catches up by snapshot, is promoted; a voter is removed")
    func learnerJoinPromoteRemove() async throws {
        try await LocalCluster.run(spares: 1, config: Self.smallSnapshots) { cluster in
            let leader = try await cluster.awaitLeader()
            for value in 1...120 {
                _ = try await cluster.http.putItem(leader.baseURL, tenant: "acme", set: "m", key: "k", value: value)
                    .decode(WriteReceipt.self, expecting: [200, 201])
            }
            let spare = cluster.nodes[3]
            try cluster.start(spare.id)

            // Sent to a follower, which forwards it to the leader.
            let follower = cluster.followers(of: leader)[0]
            let member = try JSONSerialization.data(withJSONObject: [
                "id": spare.id, "raftAddr": spare.raftAddress, "httpAddr": spare.httpAddress, "role": "learner",
            ])
            let added = try await cluster.http.send(.POST, follower.baseURL + "/v1/cluster/members", json: member)
            #expect(added.status == 201, "\(String(decoding: added.body, as: UTF8.self))")

            let target = try await cluster.http.status(leader.baseURL).commitIndex
            let caughtUp = try await poll(
                "\(spare.id) to apply \(target)\n\(cluster.logTails())", timeout: .seconds(30)
            ) {
                let status = try? await cluster.http.status(spare.baseURL)
                return status.flatMap { $0.appliedIndex >= target ? $0 : nil }
            }
            #expect(caughtUp.role == "learner")
            let read = try await cluster.http.readConfig(spare.baseURL, tenant: "acme", consistency: .local)
            #expect(try read.decode(ConfigDocument.self).value("m", "k") == 120)
            #expect(
                cluster.log(spare.id).contains("installed the leader's snapshot"),
                "\(spare.id) caught up without a snapshot:\n\(cluster.logTails(lines: 60))")

            let promoted = try await cluster.http.send(
                .POST, leader.baseURL + "/v1/cluster/members/\(spare.id)/promote")
            #expect(promoted.status == 200, "\(String(decoding: promoted.body, as: UTF8.self))")
            _ = try await poll("\(spare.id) to be a voter everywhere", timeout: .seconds(15)) { () async -> Bool? in
                let statuses = await cluster.runningStatuses()
                let agreed =
                    statuses.count == 4
                    && statuses.allSatisfy { status in
                        status.members.contains { $0.id == spare.id && $0.role == "voter" }
                    }
                return agreed ? true : nil
            }

            let leaving = cluster.followers(of: leader)[1]
            let removed = try await cluster.http.send(.DELETE, leader.baseURL + "/v1/cluster/members/\(leaving.id)")
            #expect(removed.status == 200, "\(String(decoding: removed.body, as: UTF8.self))")
            let members = try await cluster.http.status(leader.baseURL).members.map(\.id).sorted()
            #expect(members == [leader.id, follower.id, spare.id].sorted())
            _ = try await cluster.http.putItem(spare.baseURL, tenant: "acme", set: "m", key: "k", value: 121)
                .decode(WriteReceipt.self, expecting: [200])
        }
    }
}
