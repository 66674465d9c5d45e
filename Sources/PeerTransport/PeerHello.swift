import Raft

/// What a node says about itself when it opens a connection: enough for the receiver to
/// check that the peer belongs to the same cluster, to learn which Raft replica sent the
/// following frames, and to pick a protocol version both understand.
public struct PeerHello: Sendable, Hashable {
    /// The highest protocol version the sender speaks.
    public var protocolVersion: UInt8
    /// The cluster the sender belongs to.
    public var clusterID: ClusterID
    /// The sender's Raft identity.
    public var nodeID: NodeID
    /// The region the sender serves.
    public var region: RegionName

    /// Creates a hello; `protocolVersion` defaults to the version this build speaks.
    public init(
        protocolVersion: UInt8 = PeerWireFormat.version, clusterID: ClusterID, nodeID: NodeID, region: RegionName
    ) {
        self.protocolVersion = protocolVersion
        self.clusterID = clusterID
        self.nodeID = nodeID
        self.region = region
    }
}
