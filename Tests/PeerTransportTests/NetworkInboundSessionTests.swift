import Raft
import Testing

@testable import PeerTransport

/// The acceptor's per-connection rules, without sockets.
@Suite("InboundSession")
struct NetworkInboundSessionTests {
    func helloFrom(
        _ node: NodeID, cluster: ClusterID = testCluster, version: UInt8 = PeerWireFormat.version
    )
        -> PeerHello
    {
        PeerHello(protocolVersion: version, clusterID: cluster, nodeID: node, region: RegionName("r")!)
    }

    @Test("a hello from a peer of this cluster is accepted once")
    func acceptsHello() throws {
        var session = InboundSession(localID: 1, clusterID: testCluster)
        #expect(throws: InboundViolation.helloMissing(firstFrame: "x")) { try session.requirePeer(before: "x") }
        try session.accept(helloFrom(2))
        #expect(try session.requirePeer(before: "x").nodeID == 2)
        #expect(throws: InboundViolation.repeatedHello) { try session.accept(helloFrom(2)) }
    }

    @Test("hellos that cannot come from a peer are refused")
    func refusesHello() {
        var session = InboundSession(localID: 1, clusterID: testCluster)
        let other = ClusterID(high: 1, low: 1)
        #expect(throws: InboundViolation.clusterMismatch(peer: other, local: testCluster)) {
            try session.accept(helloFrom(2, cluster: other))
        }
        #expect(throws: InboundViolation.invalidNodeID(0)) { try session.accept(helloFrom(0)) }
        #expect(throws: InboundViolation.invalidNodeID(1)) { try session.accept(helloFrom(1)) }
        #expect(throws: InboundViolation.unsupportedProtocol(0)) { try session.accept(helloFrom(2, version: 0)) }
        #expect(session.peer == nil)
    }

    @Test("every message must be for this node, with at most one snapshot per batch")
    func checksBatches() throws {
        let session = InboundSession(localID: 1, clusterID: testCluster)
        try session.check([appendMessage(from: 2, to: 1, index: 1)])
        #expect(throws: InboundViolation.misaddressed(to: 3, type: .append)) {
            try session.check([appendMessage(from: 2, to: 1, index: 1), appendMessage(from: 2, to: 3, index: 2)])
        }
        let snapshot = Message(type: .snapshot, to: 1, from: 2, snapshot: Snapshot())
        #expect(throws: InboundViolation.multipleSnapshots) { try session.check([snapshot, snapshot]) }
    }

    @Test("violations read as one clear line")
    func descriptions() {
        let line = "\(InboundViolation.clusterMismatch(peer: ClusterID(high: 0, low: 0xAB), local: testCluster))"
        #expect(
            line == "peer belongs to cluster 000000000000000000000000000000ab, this node to 0ec5000000000001"
                + "0123456789abcdef")
    }
}
