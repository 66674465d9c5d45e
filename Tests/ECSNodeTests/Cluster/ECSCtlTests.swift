import Admin
import Foundation
import Testing

extension ClusterTests {
    /// The real `ecsctl` binary against a real region, run the way an operator runs it beside
    /// `cluster/up`'s cluster: `ECS_HOME` holds the region's `secret` and an `endpoints` file, so
    /// no flag is needed (the token is minted from the secret).
    @Suite(.timeLimit(.minutes(2)))
    struct ECSCtlTests {
        init() throws {
            try ClusterTests.requireNodeBinary()
            try #require(ECSCtlExecutable.isBuilt, Comment(rawValue: ECSCtlExecutable.missingHint))
        }

        /// Lists `nodes` in the cluster folder's `endpoints` file, in that order: the folder
        /// already holds the `secret`, which makes it an `ECS_HOME`.
        static func writeEndpoints(_ nodes: [NodeSpec], in cluster: LocalCluster) throws {
            let lines = nodes.map { $0.baseURL + "\n" }.joined()
            try Data(("# written by the test, as cluster/up does\n" + lines).utf8)
                .write(to: cluster.folder.appendingPathComponent("endpoints"))
        }

        /// Runs `ecsctl` with `ECS_HOME` set to the cluster's folder.
        static func ecsctl(_ arguments: [String], _ cluster: LocalCluster) throws -> ECSCtlExecutable.Run {
            try ECSCtlExecutable.run(arguments, environment: ["ECS_HOME": cluster.folder.path])
        }

        @Test("status (text and --json), tenants create/list/show, a transfer to a named follower, refusals")
        func statusTenantsAndTransfer() async throws {
            try await LocalCluster.run { cluster in
                let leader = try await cluster.awaitLeader()
                let followers = cluster.followers(of: leader)
                try Self.writeEndpoints(followers + [leader], in: cluster)

                let text = try Self.ecsctl(["status", "--endpoint", leader.baseURL], cluster)
                #expect(text.status == 0, "\(text)")
                #expect(text.output.contains("role           leader\n"), "\(text)")
                let rows = text.output.split(separator: "\n").drop { !$0.hasPrefix("ID ") }.dropFirst()
                #expect(rows.map { String($0.prefix { $0 != " " }) }.sorted() == cluster.nodes.map(\.id), "\(text)")
                #expect(rows.allSatisfy { $0.hasSuffix("yes") }, "\(text)")

                let json = try Self.ecsctl(["status", "--json"], cluster)
                #expect(json.status == 0, "\(json)")
                let status = try JSONDecoder().decode(ClusterStatus.self, from: Data(json.output.utf8))
                #expect(status.node == followers[0].id && status.leader == leader.id)

                let created = try Self.ecsctl(
                    ["tenants", "create", "initech", "--edition", "free", "--residency", "replicated"], cluster)
                #expect(created.status == 0, "\(created)")
                #expect(created.output.hasPrefix("created tenant initech (edition free, home local, replicated)"))
                let updated = try Self.ecsctl(["tenants", "create", "initech", "--edition", "pro"], cluster)
                #expect(updated.output.hasPrefix("updated tenant initech (edition pro, home local, replicated)"))

                let list = try Self.ecsctl(["tenants", "list"], cluster)
                #expect(list.status == 0, "\(list)")
                let names = list.output.split(separator: "\n").map { $0.split(separator: " ")[0] }
                #expect(names == ["TENANT", "acme", "initech"], "\(list)")
                let show = try Self.ecsctl(["tenants", "show", "initech", "--json"], cluster)
                let tenant = try JSONSerialization.jsonObject(with: Data(show.output.utf8)) as? [String: Any]
                #expect(tenant?["edition"] as? String == "pro" && tenant?["homeRegion"] as? String == "local")

                let missing = try Self.ecsctl(["tenants", "show", "nobody"], cluster)
                #expect(missing.status == 1 && missing.output.isEmpty)
                #expect(missing.error.hasPrefix("ecsctl: 404 Not Found: "), "\(missing)")

                let forged = try Self.ecsctl(["status", "--token", "not-a-token"], cluster)
                #expect(forged.status == 1, "\(forged)")
                #expect(forged.error.hasPrefix("ecsctl: 401 Unauthorized: "), "\(forged)")
                #expect(forged.error.split(separator: "\n").count == 1 && forged.output.isEmpty, "\(forged)")

                let target = followers[1]
                let transfer = try Self.ecsctl(["transfer-leadership", "--to", target.id], cluster)
                #expect(transfer.status == 0, "\(transfer)")
                #expect(transfer.output == "\(target.id) leads the region now\n")
                _ = try await poll("\(target.id) to report itself leader\n\(cluster.logTails())", timeout: .seconds(10))
                {
                    let run = try Self.ecsctl(["status", "--endpoint", target.baseURL, "--json"], cluster)
                    let status = try? JSONDecoder().decode(ClusterStatus.self, from: Data(run.output.utf8))
                    return status?.role == "leader" ? true : nil
                }
            }
        }

        @Test("members add a --join --learner node, promote it, remove a voter; unknown members are refused")
        func membership() async throws {
            try await LocalCluster.run(spares: 1) { cluster in
                let leader = try await cluster.awaitLeader()
                try Self.writeEndpoints([leader] + cluster.followers(of: leader), in: cluster)
                let spare = cluster.nodes[3]
                try cluster.start(spare.id)

                let added = try Self.ecsctl(
                    [
                        "members", "add", spare.id, "--raft", spare.raftAddress, "--http", spare.httpAddress,
                        "--learner",
                    ],
                    cluster)
                #expect(added.status == 0, "\(added)")
                #expect(added.output.hasPrefix("added \(spare.id) as a learner at index "), "\(added)")
                let target = try await cluster.http.status(leader.baseURL).commitIndex
                _ = try await poll("\(spare.id) to apply \(target)\n\(cluster.logTails())", timeout: .seconds(30)) {
                    let status = try? await cluster.http.status(spare.baseURL)
                    return status.flatMap { $0.appliedIndex >= target ? true : nil }
                }

                let promoted = try Self.ecsctl(["members", "promote", spare.id], cluster)
                #expect(promoted.status == 0, "\(promoted)")
                #expect(promoted.output.hasPrefix("promoted \(spare.id) to voter at index "), "\(promoted)")

                let leaving = cluster.followers(of: leader)[1]
                let removed = try Self.ecsctl(["members", "remove", leaving.id], cluster)
                #expect(removed.status == 0, "\(removed)")
                #expect(removed.output.hasPrefix("removed \(leaving.id) at index "), "\(removed)")

                // Asked through a follower, which knows neither match indexes nor health: the leader answers.
                let follower = cluster.followers(of: leader)[0]
                let list = try Self.ecsctl(["members", "list", "--endpoint", follower.baseURL], cluster)
                #expect(list.status == 0, "\(list)")
                let rows = list.output.split(separator: "\n").dropFirst().map { $0.split(separator: " ") }
                #expect(rows.map { String($0[0]) }.sorted() == [leader.id, follower.id, spare.id].sorted(), "\(list)")
                #expect(rows.allSatisfy { $0[3] == "voter" && $0[5] == "yes" }, "\(list)")

                let unknown = try Self.ecsctl(["members", "promote", "n9"], cluster)
                #expect(unknown.status == 1, "\(unknown)")
                #expect(unknown.error.hasPrefix("ecsctl: 404 Not Found: "), "\(unknown)")
            }
        }

        @Test(
            "failover-drill --json: another voter leads in a higher term, a write is acknowledged, the old leader is back"
        )
        func failoverDrill() async throws {
            try await LocalCluster.run { cluster in
                let leader = try await cluster.awaitLeader()
                try Self.writeEndpoints(cluster.followers(of: leader) + [leader], in: cluster)

                let run = try Self.ecsctl(["failover-drill", "--json"], cluster)
                #expect(run.status == 0, "\(run)\n\(cluster.logTails())")
                let report = try JSONDecoder().decode(DrillReport.self, from: Data(run.output.utf8))
                #expect(report.oldLeader == leader.id)
                #expect(cluster.followers(of: leader).map(\.id).contains(report.newLeader), "\(report)")
                #expect(report.newTerm > report.oldTerm, "\(report)")
                #expect(report.newLeaderSeconds > 0, "\(report)")
                #expect(report.firstWriteSeconds >= report.newLeaderSeconds, "\(report)")
                #expect(report.totalSeconds >= report.firstWriteSeconds, "\(report)")

                // The old leader follows the new one and has the drill's write, read from its own state.
                let back = try await cluster.http.status(leader.baseURL)
                #expect(back.role == "follower" && back.leader == report.newLeader, "\(back)")
                #expect(back.appliedIndex >= report.writeIndex, "\(back)")
                let read = try await cluster.http.send(
                    .GET, leader.baseURL + "/v1/tenants/ecs-drill/config?env=prod&consistency=local")
                let config = try JSONSerialization.jsonObject(with: read.body) as? [String: Any]
                let sets = config?["sets"] as? [String: [String: Any]]
                let heartbeat = (sets?["drill"]?["items"] as? [String: Any])?["heartbeat"] as? String
                #expect(heartbeat != nil, "\(read)")
                #expect(cluster.log(leader.id).contains("isolated from every peer by an operator"))
                #expect(cluster.log(leader.id).contains("isolation ended by an operator"))

                let text = try Self.ecsctl(["failover-drill"], cluster)
                #expect(text.status == 0, "\(text)\n\(cluster.logTails())")
                #expect(text.output.hasPrefix("old leader  "), "\(text)")
                #expect(text.output.contains("\ntime to first write  "), "\(text)")
                print("failover-drill on a loopback region:\n\(text.output)")
            }
        }

        @Test("failover-drill refuses a region of one voter: exit 4, nothing isolated")
        func failoverDrillNeedsThreeVoters() async throws {
            try await LocalCluster.run(size: 1) { cluster in
                let leader = try await cluster.awaitLeader()
                try Self.writeEndpoints([leader], in: cluster)
                let run = try Self.ecsctl(["failover-drill"], cluster)
                #expect(run.status == 4, "\(run)")
                #expect(run.error.hasPrefix("ecsctl: the region has 1 voter; a drill needs at least 3"), "\(run)")
                #expect(await cluster.http.isReady(leader.baseURL))
            }
        }

        @Test("no endpoint reachable: exit 3, naming each endpoint tried")
        func unreachable() throws {
            let ports = try LoopbackPorts.pick(2)
            let endpoints = ports.map { "http://127.0.0.1:\($0)" }
            let run = try ECSCtlExecutable.run(
                ["status", "--endpoint", endpoints.joined(separator: ","), "--token", "t"])
            #expect(run.status == 3, "\(run)")
            #expect(
                run.error == "ecsctl: cannot reach any endpoint: \(endpoints[0]) (Connection refused), "
                    + "\(endpoints[1]) (Connection refused)\n", "\(run)")
        }
    }
}
