import Raft

/// The per-connection checks of the acceptor that need no I/O: a hello first and only once,
/// the same cluster, a plausible node id, and messages addressed to this node. A separate
/// value so that the rules are tested without sockets.
struct InboundSession {
    let localID: NodeID
    let clusterID: ClusterID
    /// The peer's hello, once accepted.
    private(set) var peer: PeerHello?

    init(localID: NodeID, clusterID: ClusterID) {
        self.localID = localID
        self.clusterID = clusterID
    }

    /// Accepts the peer's hello, or says why the connection must close.
    mutating func accept(_ hello: PeerHello) throws(InboundViolation) {
        guard peer == nil else { throw .repeatedHello }
        guard hello.clusterID == clusterID else { throw .clusterMismatch(peer: hello.clusterID, local: clusterID) }
        guard hello.nodeID != 0, hello.nodeID != localID else { throw .invalidNodeID(hello.nodeID) }
        guard hello.protocolVersion >= 1 else { throw .unsupportedProtocol(hello.protocolVersion) }
        peer = hello
    }

    /// The peer's hello; throws when a frame of `kind` arrives before it.
    func requirePeer(before kind: String) throws(InboundViolation) -> PeerHello {
        guard let peer else { throw .helloMissing(firstFrame: kind) }
        return peer
    }

    /// Checks a batch before any of it is delivered: every message to this node, at most one
    /// snapshot message. (`from` is not checked: a `transferLeader` names the transferee.)
    func check(_ messages: [Message]) throws(InboundViolation) {
        var snapshots = 0
        for message in messages {
            guard message.to == localID else { throw .misaddressed(to: message.to, type: message.type) }
            if message.type == .snapshot { snapshots += 1 }
        }
        guard snapshots <= 1 else { throw .multipleSnapshots }
    }
}
