import PeerTransport
import Raft
import Testing

/// Nodes on real TCP connections exchanging batches: everything arrives, one frame per
/// `send` call, in the order it was sent.
@Suite("PeerNetwork exchanges messages")
struct NetworkExchangeTests {
    /// Receives messages from `sender` until `count` arrived; returns them in arrival order
    /// and the sizes of the batches they came in.
    func receive(
        _ count: Int, from sender: NodeID, at node: TestNode
    ) async throws -> (
        messages: [Message], batchSizes: [Int]
    ) {
        var messages: [Message] = []
        var batchSizes: [Int] = []
        while messages.count < count {
            let batch = try await node.log.require("messages from \(sender) at \(node.id)") { event in
                event.messages.flatMap { $0.first?.from == sender ? $0 : nil }
            }
            messages += batch
            batchSizes.append(batch.count)
        }
        return (messages, batchSizes)
    }

    @Test("two nodes exchange batches both ways, one frame per send, in order")
    func twoNodes() async throws {
        try await withCluster(of: 2) { nodes in
            let (a, b) = (nodes[0], nodes[1])
            for batch in 0..<50 {
                let indexes = (0..<3).map { UInt64(batch * 3 + $0) }
                a.network.send(indexes.map { appendMessage(from: 1, to: 2, index: $0) })
                b.network.send(indexes.map { appendMessage(from: 2, to: 1, index: $0) })
            }
            let atB = try await receive(150, from: 1, at: b)
            let atA = try await receive(150, from: 2, at: a)
            #expect(atB.messages == (0..<150).map { appendMessage(from: 1, to: 2, index: UInt64($0)) })
            #expect(atA.messages == (0..<150).map { appendMessage(from: 2, to: 1, index: UInt64($0)) })
            #expect(atB.batchSizes == Array(repeating: 3, count: 50))
            #expect(atA.batchSizes == Array(repeating: 3, count: 50))
        }
    }

    @Test("three nodes: every node's messages reach both others in order")
    func threeNodes() async throws {
        try await withCluster(of: 3) { nodes in
            for round in 0..<40 {
                for node in nodes {
                    // One send call carrying messages for both other peers: split per peer.
                    let messages = nodes.filter { $0.id != node.id }.map {
                        appendMessage(from: node.id, to: $0.id, index: UInt64(round))
                    }
                    node.network.send(messages)
                }
            }
            for receiver in nodes {
                for sender in nodes where sender.id != receiver.id {
                    let got = try await receive(40, from: sender.id, at: receiver)
                    #expect(got.messages.map(\.index) == (0..<40).map { UInt64($0) })
                    #expect(got.messages.allSatisfy { $0.to == receiver.id })
                }
            }
        }
    }

    @Test("a batch larger than a frame is split and still arrives whole and in order")
    func largeBatchIsSplit() async throws {
        let adjust: (inout PeerNetworkConfiguration) -> Void = { configuration in
            configuration.maxFrameLength = 64 << 10
            configuration.snapshotChunkSize = 32 << 10
        }
        try await withCluster(of: 2, adjust: adjust) { nodes in
            let (a, b) = (nodes[0], nodes[1])
            let batch = (0..<40).map { appendMessage(from: 1, to: 2, index: UInt64($0), payload: 10_000) }
            a.network.send(batch)
            let got = try await receive(40, from: 1, at: b)
            #expect(got.messages == batch)
            #expect(got.batchSizes.count > 1)
            #expect(got.batchSizes.allSatisfy { $0 * 10_100 < 64 << 10 })
        }
    }

    @Test("messages for an unknown peer are reported unreachable")
    func unknownPeer() async throws {
        try await withNode(TestNode.configuration(id: 1)) { node in
            node.network.send([appendMessage(from: 1, to: 9, index: 1)])
            let observed = try await node.log.require("unreachable 9", unreachablePeer)
            #expect(observed == 9)
        }
    }
}
