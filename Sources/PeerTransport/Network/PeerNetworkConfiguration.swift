import Raft

/// Everything `PeerNetwork` needs to know about this node and its peers, plus the limits that
/// keep a slow or hostile peer from costing unbounded memory. The defaults suit a small
/// cluster on a LAN; the tests shrink them to exercise the limits.
public struct PeerNetworkConfiguration: Sendable {
    /// This node's Raft id; inbound messages must be addressed to it. Must not be zero.
    public var localID: NodeID
    /// The cluster this node belongs to; peers saying another id in their hello are refused.
    public var clusterID: ClusterID
    /// The region this node serves, announced in the hello.
    public var region: RegionName
    /// The interface to listen on, for example "0.0.0.0" or "127.0.0.1".
    public var listenHost: String
    /// The port to listen on; 0 picks a free port (see `PeerNetwork.localAddress`).
    public var listenPort: Int
    /// The other voters and learners and where they listen. An entry for `localID` is ignored.
    public var peers: [NodeID: PeerAddress]

    /// The largest frame sent or accepted; both ends must agree (see `PeerFrameCodec`).
    public var maxFrameLength: UInt32 = PeerWireFormat.defaultMaxFrameLength
    /// Bytes of snapshot data per chunk frame. Larger chunks cost fewer round trips through
    /// the file thread pool; smaller ones bound the memory of a transfer.
    public var snapshotChunkSize: Int = 1 << 20
    /// The largest snapshot a peer may send; a transfer announcing more is refused before
    /// anything is written, so that a broken peer cannot fill the disk.
    public var maxSnapshotSize: UInt64 = 64 << 30
    /// Messages waiting for one peer's connection, beyond which new ones are dropped (and
    /// the peer reported unreachable).
    public var maxQueuedMessages: Int = 4096
    /// Approximate payload bytes waiting for one peer's connection, beyond which new
    /// messages are dropped.
    public var maxQueuedBytes: Int = 64 << 20
    /// The first delay before redialing a peer; doubled after every failure.
    public var minimumReconnectDelay: Duration = .milliseconds(50)
    /// The longest delay between two dials of one peer.
    public var maximumReconnectDelay: Duration = .seconds(2)
    /// How long one dial may take before it counts as failed.
    public var connectTimeout: Duration = .seconds(2)
    /// Mutual TLS on every peer connection, or nil for plain TCP (all nodes of a cluster must
    /// agree: a TLS listener refuses a plain dialer and the other way round).
    public var tls: PeerTLS?

    /// Creates a configuration with the default limits.
    public init(
        localID: NodeID, clusterID: ClusterID, region: RegionName, listenHost: String, listenPort: Int,
        peers: [NodeID: PeerAddress]
    ) {
        self.localID = localID
        self.clusterID = clusterID
        self.region = region
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.peers = peers
    }

    /// The first problem that would make the network misbehave, or nil.
    var problem: String? {
        if localID == 0 { return "localID must not be zero (zero means \"no node\" in Raft)" }
        if listenPort < 0 || listenPort > 65535 { return "listenPort \(listenPort) is not a TCP port" }
        if snapshotChunkSize < 1 { return "snapshotChunkSize must be positive" }
        if snapshotChunkSize > Int(maxFrameLength) - SnapshotChunkWire.overhead {
            return "snapshotChunkSize \(snapshotChunkSize) does not fit a frame of maxFrameLength \(maxFrameLength)"
        }
        if maxQueuedMessages < 1 || maxQueuedBytes < 1 { return "the outbound queue limits must be positive" }
        if minimumReconnectDelay <= .zero || maximumReconnectDelay < minimumReconnectDelay {
            return "reconnect delays must satisfy 0 < minimum <= maximum"
        }
        if let bad = peers.first(where: { $0.key == 0 }) { return "peer id 0 (at \(bad.value)) is not a node id" }
        return nil
    }
}

/// The bytes a snapshot chunk frame adds to its data.
enum SnapshotChunkWire {
    /// Length prefix, version and kind, five UInt64 fields, the byte-string count and isLast.
    static let overhead = PeerWireFormat.headerSize + 5 * 8 + 4 + 1
}
