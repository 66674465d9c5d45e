import Foundation
import Testing

extension ClusterTests {
    /// The node's contract end to end on a 3-node loopback region: election, forwarding,
    /// consistency of reads, restarts, refusals and snapshot catch-up (issue 4).
    @Suite(.timeLimit(.minutes(2)))
    struct ClusterBasicsTests {
        init() throws { try ClusterTests.requireNodeBinary() }

        @Test("three nodes elect one leader and list each other as voters with their HTTP addresses")
        func electionAndStatus() async throws {
            try await LocalCluster.run { cluster in
                let leader = try await cluster.awaitLeader()
                for spec in cluster.nodes {
                    let status = try await cluster.http.status(spec.baseURL)
                    #expect(status.node == spec.id)
                    #expect(status.region == cluster.region)
                    #expect(status.role == (spec == leader ? "leader" : "follower"))
                    #expect(status.leader == leader.id)
                    let members = status.members.sorted { $0.id < $1.id }
                    #expect(members.map(\.id) == cluster.nodes.map(\.id))
                    #expect(members.allSatisfy { $0.role == "voter" })
                    #expect(members.map(\.raftAddr) == cluster.nodes.map(\.raftAddress))
                    #expect(members.map(\.httpAddr) == cluster.nodes.map(\.httpAddress))
                    if spec == leader {
                        #expect(members.allSatisfy { $0.healthy == true }, "\(members)")
                    }
                }
            }
        }

        @Test("a write sent to a follower is forwarded, and a linearizable read on the other follower sees it")
        func followerWriteIsForwarded() async throws {
            try await LocalCluster.run { cluster in
                let followers = cluster.followers(of: try await cluster.awaitLeader())
                let (writer, reader) = (followers[0], followers[1])

                let created = try await cluster.http.putItem(
                    writer.baseURL, tenant: "acme", set: "payments", key: "retries", value: 3)
                let first = try created.decode(WriteReceipt.self, expecting: [201])
                #expect(first.tenant == "acme" && first.set == "payments" && first.version == 1)

                let updated = try await cluster.http.putItem(
                    writer.baseURL, tenant: "acme", set: "payments", key: "retries", value: 4)
                let second = try updated.decode(WriteReceipt.self, expecting: [200])
                #expect(second.version == 2)
                #expect(second.index > first.index)

                let read = try await cluster.http.readConfig(reader.baseURL, tenant: "acme")
                let config = try read.decode(ConfigDocument.self)
                #expect(config.value("payments", "retries") == 4)
                #expect(config.sets["payments"]?.version == 2)
                #expect(config.index >= second.index)
                let servedIndex = try #require(read.header("X-ECS-Index").flatMap { UInt64($0) }, "\(read.headers)")
                #expect(servedIndex >= second.index)
                #expect(read.header("X-ECS-Node") == reader.id)
                #expect(read.header("X-ECS-Region") == cluster.region)

                let deleted = try await cluster.http.deleteItem(
                    reader.baseURL, tenant: "acme", set: "payments", key: "retries")
                #expect(try deleted.decode(WriteReceipt.self).version == 3)
                let again = try await cluster.http.deleteItem(
                    writer.baseURL, tenant: "acme", set: "payments", key: "retries")
                #expect(again.status == 404, "\(again)")
            }
        }

        @Test("minIndex gives read-your-writes on a follower, and 503 when the index is not reached in time")
        func minIndexReadYourWrites() async throws {
            try await LocalCluster.run { cluster in
                let leader = try await cluster.awaitLeader()
                let follower = cluster.followers(of: leader)[0]
                var lastIndex: UInt64 = 0
                for value in 1...5 {
                    let reply = try await cluster.http.putItem(
                        leader.baseURL, tenant: "acme", set: "flags", key: "dark-mode", value: value)
                    lastIndex = try reply.decode(WriteReceipt.self, expecting: [200, 201]).index
                    let read = try await cluster.http.readConfig(
                        follower.baseURL, tenant: "acme", consistency: .local, minIndex: lastIndex)
                    #expect(try read.decode(ConfigDocument.self).value("flags", "dark-mode") == value)
                    let servedIndex = read.header("X-ECS-Index").flatMap { UInt64($0) }
                    #expect(servedIndex.map { $0 >= lastIndex } == true, "\(read.headers)")
                }

                let future = try await cluster.http.send(
                    .GET,
                    "\(follower.baseURL)/v1/tenants/acme/config?env=prod&consistency=local"
                        + "&minIndex=\(lastIndex + 1_000_000)&timeoutMs=300")
                #expect(future.status == 503, "\(future)")
                #expect(future.header("Retry-After") != nil, "\(future.headers)")
            }
        }
    }
}
