import PeerTransport
import Raft
import Testing

/// The operator's isolation switch of a failover drill, on real connections.
@Suite("PeerNetwork isolation")
struct NetworkIsolationTests {
    @Test("messages sent while isolated are lost; once it ends, the same connection carries traffic again")
    func outboundDropped() async throws {
        try await withCluster(of: 2) { nodes in
            let (a, b) = (nodes[0], nodes[1])
            a.network.send([appendMessage(from: 1, to: 2, index: 0)])
            _ = try await b.log.require("the first message from 1") { $0.messages }

            a.network.isolation.begin(for: .seconds(60))
            #expect(a.network.isolation.isActive)
            a.network.send((1...5).map { appendMessage(from: 1, to: 2, index: $0) })
            a.network.isolation.end()
            a.network.send([appendMessage(from: 1, to: 2, index: 6)])

            let next = try await b.log.require("messages from 1 after the isolation") { $0.messages }
            #expect(next == [appendMessage(from: 1, to: 2, index: 6)], "what was sent while isolated arrived")
        }
    }
}
