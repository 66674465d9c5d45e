import Admin
import Foundation
import Testing

extension ClusterTests {
    /// Issue 6: the region's membership changes while clients keep writing and reading, and no
    /// client sees anything but 503s it may retry.
    @Suite(.timeLimit(.minutes(5)))
    struct MembershipUnderLoadTests {
        init() throws { try ClusterTests.requireNodeBinary() }

        @Test("under load a learner joins, catches up by snapshot and is promoted; the leader is removed")
        func membershipUnderLoad() async throws {
            let tally = ChaosTally()
            // Requests may take longer than the node's 5 s read timeout: a linearizable read that a
            // member being removed cannot get confirmed any more ends in its 503, which the client
            // retries elsewhere, rather than in the client giving up first.
            try await LocalCluster.run(
                spares: 1, config: ClusterBasicsTests.smallSnapshots, requestTimeout: .seconds(8), tenants: ["load"]
            ) { cluster in
                _ = try await cluster.awaitLeader()
                let roster = LoadRoster(members: Array(cluster.voters))
                // One client per initial voter, so that one of them is on the leader that leaves.
                let clients = cluster.voters.enumerated().map { index, home in
                    MembershipLoadClient(id: index, home: home, cluster: cluster, roster: roster, tally: tally)
                }
                async let acknowledged = withTaskGroup(of: [String: Int].self) { group in
                    for client in clients { group.addTask { await client.run() } }
                    return await group.reduce(into: [String: Int]()) { $0.merge($1) { first, _ in first } }
                }
                let remaining = try await Self.changeMembership(cluster, roster: roster, tally: tally)
                roster.stopLoading()
                let writes = await acknowledged
                tally.note("load over")

                let counts = tally.snapshot
                let timeline = tally.events.joined(separator: "\n")
                #expect(counts.unexpected.isEmpty, "\(counts.unexpected.joined(separator: "\n"))\n\(timeline)")
                #expect(counts.acknowledged >= 150, "only \(counts.acknowledged) acknowledged writes\n\(timeline)")
                print(
                    "membership under load: writes \(counts.writes) (acknowledged \(counts.acknowledged), "
                        + "503s retried \(counts.refused), connection errors from a removed node \(counts.unknown)); "
                        + "reads \(counts.reads) (answered \(counts.readsAnswered))")
                try await Self.expectEveryWrite(writes, on: remaining, cluster: cluster)
            }
        }

        /// The membership changes, through the `Admin` library, while the clients run: waits for
        /// the log to outgrow the snapshot threshold, adds the spare as a learner, waits until it
        /// has caught up (by snapshot), promotes it, then removes the current leader and stops
        /// its process. Returns the remaining members.
        private static func changeMembership(
            _ cluster: LocalCluster, roster: LoadRoster, tally: ChaosTally
        ) async throws -> [NodeSpec] {
            let spare = cluster.nodes[3]
            let voters = Array(cluster.voters)
            // Well past a few snapshots (every 50 entries, 10 kept): the learner cannot catch up from the log.
            _ = try await poll("the load to commit 200 entries\n\(cluster.logTails())", timeout: .seconds(60)) {
                () async -> Bool? in
                guard let leader = await cluster.currentLeader(),
                    let status = try? await cluster.http.status(leader.baseURL)
                else { return nil }
                return status.commitIndex >= 200 ? true : nil
            }
            try cluster.start(spare.id)
            try await cluster.withAdmin(voters) { admin in
                let added = try await admin.addMember(
                    id: spare.id, raftAddress: spare.raftAddress, httpAddress: spare.httpAddress, learner: true)
                tally.note("added \(spare.id) as a learner at \(added.value.index)")
                let target = try await admin.leaderStatus().value.commitIndex
                _ = try await poll("\(spare.id) to apply \(target)\n\(cluster.logTails())", timeout: .seconds(30)) {
                    let status = try? await cluster.http.status(spare.baseURL)
                    return status.flatMap { $0.appliedIndex >= target ? true : nil }
                }
                tally.note("\(spare.id) applied \(target)")
                #expect(
                    cluster.log(spare.id).contains("installed the leader's snapshot"),
                    "\(spare.id) caught up without a snapshot:\n\(cluster.logTails(lines: 60))")

                let promoted = try await admin.promote(spare.id)
                tally.note("promoted \(spare.id) at \(promoted.value.index)")

                let leader = try #require(await cluster.currentLeader())
                let removed = try await admin.removeMember(leader.id)
                tally.note("removed the leader \(leader.id) at \(removed.value.index)")
                roster.leave(leader.id)
                #expect(await cluster.terminate(leader.id) != nil, "\(leader.id) did not stop on SIGTERM")
                tally.note("stopped \(leader.id)")
            }
            let remaining = cluster.nodes.filter { !roster.hasLeft($0.id) }
            let newLeader = try await cluster.awaitLeader()
            #expect(remaining.contains(newLeader))
            let expected = remaining.map(\.id).sorted()
            _ = try await poll("every member to list \(expected) as voters", timeout: .seconds(15)) {
                () async -> Bool? in
                for spec in remaining {
                    guard let members = try? await cluster.http.status(spec.baseURL).members,
                        members.map(\.id).sorted() == expected, members.allSatisfy({ $0.role == "voter" })
                    else { return nil }
                }
                return true
            }
            // The load goes on a while on the new membership.
            let before = tally.snapshot.acknowledged
            _ = try await poll("30 acknowledged writes after the removal", timeout: .seconds(30)) {
                tally.snapshot.acknowledged >= before + 30 || !tally.snapshot.unexpected.isEmpty ? true : nil
            }
            return remaining
        }

        /// The last acknowledged value of every key, read on each remaining member from its own applied state once
        /// it has applied everything the leader committed.
        private static func expectEveryWrite(
            _ writes: [String: Int], on members: [NodeSpec], cluster: LocalCluster
        ) async throws {
            let leader = try await cluster.awaitLeader()
            let committed = try await cluster.http.status(leader.baseURL).commitIndex
            for member in members {
                let read = try await cluster.http.readConfig(
                    member.baseURL, tenant: "load", consistency: .local, minIndex: committed)
                let config = try read.decode(ConfigDocument.self)
                let missing = writes.filter { config.value("members", $0.key) != $0.value }.keys.sorted()
                #expect(missing.isEmpty, "\(member.id) lacks the last acknowledged value of \(missing)")
            }
        }
    }
}
