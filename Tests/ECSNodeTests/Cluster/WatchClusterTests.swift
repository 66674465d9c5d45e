import Foundation
import Testing

extension ClusterTests {
    /// The watch on real processes: every node serves it from its own applied log, and a client
    /// can move between nodes with `Last-Event-ID` without losing or repeating an event.
    @Suite(.timeLimit(.minutes(2)))
    struct WatchClusterTests {
        init() throws { try ClusterTests.requireNodeBinary() }

        @Test("a follower streams the events of writes sent to the leader, in order, each once")
        func followerStreamsLeaderWrites() async throws {
            try await LocalCluster.run(tenants: ["acme", "globex"]) { cluster in
                let leader = try await cluster.awaitLeader()
                let follower = cluster.followers(of: leader)[0]
                let (stream, _) = try await EventStreamClient.watch(
                    "\(follower.baseURL)/v1/tenants/acme/watch", token: try await cluster.watchToken())
                #expect(stream.headers.first(name: "X-ECS-Node") == follower.id)

                var writes: [WriteAnswer] = []
                for value in 1...10 {
                    writes.append(try await cluster.put(on: leader, tenant: "acme", value: value))
                    _ = try await cluster.put(on: leader, tenant: "globex", value: value)
                }
                let events = try await stream.events(10)
                #expect(events.map(\.id) == writes.map { String($0.index) })
                #expect(events.map(\.published) == writes.map(Optional.some))
                await stream.close()
            }
        }

        @Test("a client reconnecting with Last-Event-ID, to another node, gets every missed event once, in order")
        func resumeOnAnotherNode() async throws {
            try await LocalCluster.run(tenants: ["acme", "globex"]) { cluster in
                let leader = try await cluster.awaitLeader()
                let followers = cluster.followers(of: leader)
                let token = try await cluster.watchToken()
                let (first, _) = try await EventStreamClient.watch(
                    "\(followers[0].baseURL)/v1/tenants/acme/watch", token: token)
                var before: [WriteAnswer] = []
                for value in 1...3 { before.append(try await cluster.put(on: leader, tenant: "acme", value: value)) }
                let seen = try await first.events(3)
                #expect(seen.map(\.published) == before.map(Optional.some))
                let lastEventID = try #require(seen.last?.id)
                await first.close()

                var missed: [WriteAnswer] = []
                for value in 4...8 {
                    missed.append(try await cluster.put(on: leader, tenant: "acme", value: value))
                    _ = try await cluster.put(on: leader, tenant: "globex", value: value)
                }
                let (second, after) = try await EventStreamClient.watch(
                    "\(followers[1].baseURL)/v1/tenants/acme/watch", token: token, lastEventID: lastEventID)
                #expect(String(after) == lastEventID)
                #expect(try await second.events(5).map(\.published) == missed.map(Optional.some))
                let live = try await cluster.put(on: leader, tenant: "acme", value: 9)
                #expect(
                    try await second.nextEvent().published == live, "nothing between the missed events and a new one")
                await second.close()
            }
        }
    }
}

extension LocalCluster {
    /// `Authorization` for a watch: a platform admin token signed with the cluster's secret.
    func watchToken() async throws -> String {
        let secret = try String(contentsOf: secretFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return "Bearer " + (try await AdminToken.mint(secret: secret))
    }

    /// Writes `value` to the item `k` of set `payments` through `node`.
    func put(on node: NodeSpec, tenant: String, value: Int) async throws -> WriteAnswer {
        let reply = try await http.putItem(node.baseURL, tenant: tenant, set: "payments", key: "k", value: value)
        let receipt = try reply.decode(WriteReceipt.self, expecting: [200, 201])
        return WriteAnswer(index: receipt.index, version: receipt.version, etag: receipt.etag)
    }
}
