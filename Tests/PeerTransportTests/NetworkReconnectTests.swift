import PeerTransport
import Raft
import Testing

/// Peers that are not there yet, or go away and come back on the same port: the sender
/// reports them unreachable meanwhile and reaches them once they listen again.
@Suite("PeerNetwork reconnects")
struct NetworkReconnectTests {
    /// Sends a fresh message from `sender` to `receiver` until one arrives, as Raft's
    /// heartbeats would; each attempt waits a short while for delivery, all of them together
    /// at most `eventTimeout`. Returns how many attempts it took.
    @discardableResult
    func sendUntilDelivered(from sender: TestNode, to receiver: TestNode) async throws -> Int {
        let perAttempt = Duration.milliseconds(250)
        let attempts = Int(eventTimeout / perAttempt)
        for attempt in 1...attempts {
            let index = UInt64(1000 + attempt)
            sender.network.send([appendMessage(from: sender.id, to: receiver.id, index: index)])
            let delivered = await receiver.log.first(within: perAttempt) { event in
                event.messages?.contains { $0.from == sender.id } == true ? true : nil
            }
            if delivered != nil { return attempt }
        }
        throw TimedOut(what: "a message from \(sender.id) to reach \(receiver.id)")
    }

    /// A port that was free a moment ago: a node is started on port 0 and shut down.
    func vacatedPort(id: NodeID) async throws -> Int {
        let placeholder = try await TestNode.start(TestNode.configuration(id: id))
        await placeholder.stop()
        return placeholder.address.port
    }

    @Test("a peer that starts later is reached after reconnecting; unreachable is reported meanwhile")
    func peerStartsLater() async throws {
        let port = try await vacatedPort(id: 2)
        let address = PeerAddress(host: "127.0.0.1", port: port)
        try await withNode(TestNode.configuration(id: 1, peers: [2: address])) { a in
            a.network.send([appendMessage(from: 1, to: 2, index: 1)])
            let observed = try await a.log.require("unreachable 2", unreachablePeer)
            #expect(observed == 2)
            try await withNode(TestNode.configuration(id: 2, port: port, peers: [1: a.address])) { b in
                try await sendUntilDelivered(from: a, to: b)
                try await sendUntilDelivered(from: b, to: a)
            }
        }
    }

    @Test("a restarted peer on the same port is reached again; unreachable is reported while it is down")
    func peerRestarts() async throws {
        let a = try await TestNode.start(TestNode.configuration(id: 1))
        let b = try await TestNode.start(TestNode.configuration(id: 2, peers: [1: a.address]))
        a.network.updatePeers([2: b.address])
        try await sendUntilDelivered(from: a, to: b)
        await b.stop()
        // The lost connection is reported even if no message was dropped yet; sending makes
        // sure either way.
        a.network.send([appendMessage(from: 1, to: 2, index: 2)])
        let observed = try await a.log.require("unreachable 2 after the restart began", unreachablePeer)
        #expect(observed == 2)
        try await withNode(TestNode.configuration(id: 2, port: b.address.port, peers: [1: a.address])) { restarted in
            try await sendUntilDelivered(from: a, to: restarted)
            try await sendUntilDelivered(from: restarted, to: a)
        }
        await a.stop()
    }

    @Test("removing a peer stops its link; adding it back reaches it again")
    func membershipChange() async throws {
        try await withCluster(of: 2) { nodes in
            let (a, b) = (nodes[0], nodes[1])
            try await sendUntilDelivered(from: a, to: b)
            a.network.updatePeers([:])
            a.network.send([appendMessage(from: 1, to: 2, index: 7)])
            let observed = try await a.log.require("unreachable 2 once removed", unreachablePeer)
            #expect(observed == 2)
            a.network.updatePeers([2: b.address])
            try await sendUntilDelivered(from: a, to: b)
        }
    }
}
