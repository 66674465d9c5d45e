import PeerTransport
import Raft
import Testing

/// Hostile or broken peers: the listener closes their connection, delivers nothing of what
/// they sent, and keeps serving well-behaved peers.
@Suite("PeerNetwork refuses hostile peers")
struct NetworkValidationTests {
    /// Ways to open a connection wrongly, each with what the peer sends.
    enum HostileOpening: String, CaseIterable, CustomTestStringConvertible {
        case wrongCluster
        case garbageBytes
        case noHelloFirst
        case nodeIDZero
        case ownNodeID
        case secondHello
        case addressedToAnotherNode
        case chunkOutOfOrder
        case snapshotTooLarge
        case snapshotWithoutData
        case truncatedFrame

        var testDescription: String { rawValue }

        /// The bytes the hostile peer sends to node 1.
        func bytes() throws -> [UInt8] {
            let codec = PeerFrameCodec()
            let message = appendMessage(from: 3, to: 1, index: 1)
            switch self {
            case .wrongCluster:
                return try codec.bytes(of: [hello(from: 3, cluster: ClusterID(high: 1, low: 2)), .raftBatch([message])])
            case .garbageBytes:
                var random = SeededGenerator(seed: 7)
                return (0..<512).map { _ in UInt8.random(in: 0...255, using: &random) }
            case .noHelloFirst:
                return try codec.bytes(of: [.raftBatch([message]), hello(from: 3)])
            case .nodeIDZero:
                return try codec.bytes(of: [hello(from: 0), .raftBatch([message])])
            case .ownNodeID:
                return try codec.bytes(of: [hello(from: 1), .raftBatch([message])])
            case .secondHello:
                return try codec.bytes(of: [hello(from: 3), hello(from: 3), .raftBatch([message])])
            case .addressedToAnotherNode:
                // The batch is refused whole: not even its correctly addressed message arrives.
                var stray = message
                stray.to = 4
                return try codec.bytes(of: [hello(from: 3), .raftBatch([message, stray])])
            case .chunkOutOfOrder:
                let chunk = SnapshotChunk(
                    snapshotID: 1, term: 1, index: 5, offset: 10, totalLength: 20,
                    bytes: Array(repeating: 1, count: 10),
                    isLast: true)
                return try codec.bytes(of: [hello(from: 3), .snapshotChunk(chunk), .raftBatch([message])])
            case .snapshotTooLarge:
                let chunk = SnapshotChunk(
                    snapshotID: 1, term: 1, index: 5, offset: 0, totalLength: 1 << 50, bytes: [1, 2, 3], isLast: false)
                return try codec.bytes(of: [hello(from: 3), .snapshotChunk(chunk), .raftBatch([message])])
            case .snapshotWithoutData:
                let snapshot = Message(
                    type: .snapshot, to: 1, from: 3, term: 1,
                    snapshot: Snapshot(metadata: SnapshotMetadata(index: 5, term: 1)))
                return try codec.bytes(of: [hello(from: 3), .raftBatch([message, snapshot])])
            case .truncatedFrame:
                let bytes = try codec.bytes(of: [hello(from: 3), .raftBatch([message])])
                return Array(bytes.dropLast(3))
            }
        }

        /// Whether the node must close the connection on its own; a truncated frame is only
        /// an error once the peer ends the stream.
        var closedByNode: Bool { self != .truncatedFrame }
    }

    @Test(
        "the connection is closed, nothing is delivered, good peers are still served",
        arguments: HostileOpening.allCases)
    func hostilePeer(_ opening: HostileOpening) async throws {
        try await withNode(TestNode.configuration(id: 1)) { node in
            let hostile = try await RawPeer.connect(to: node.address)
            try await hostile.send(try opening.bytes())
            if opening.closedByNode {
                let observed = try await hostile.closedByPeer()
                #expect(observed, "node 1 did not close the connection")
            } else {
                await hostile.close()
            }

            // Anything the hostile connection produced was emitted before it closed, so it
            // would now precede the good peer's message in the log.
            let good = try await RawPeer.connect(to: node.address)
            let expected = appendMessage(from: 2, to: 1, index: 42)
            try await good.send([hello(from: 2), .raftBatch([expected])])
            let delivered = try await node.log.require("the good peer's message") { $0.messages }
            #expect(delivered == [expected])
            #expect(await node.log.untaken.isEmpty)
            await good.close()
        }
    }

    @Test("a node whose peers belong to another cluster never delivers their messages")
    func wrongClusterNetwork() async throws {
        try await withNode(TestNode.configuration(id: 1)) { node in
            let stranger = try await TestNode.start(
                TestNode.configuration(id: 2, peers: [1: node.address], cluster: ClusterID(high: 9, low: 9)))
            stranger.network.send([appendMessage(from: 2, to: 1, index: 1)])
            // The stranger's link is refused (closed right after its hello) and reported.
            let observed = try await stranger.log.require("unreachable 1", unreachablePeer)
            #expect(observed == 1)
            await stranger.stop()
            #expect(await node.log.untaken.isEmpty)
        }
    }
}
