import Raft

/// One unit of the node-to-node protocol; see `PeerWireFormat.swift` for the byte layout.
public enum PeerFrame: Sendable, Hashable {
    /// Identifies the sender; the first frame on every connection, so that the receiver can
    /// refuse a peer from another cluster before acting on anything it sends.
    case hello(PeerHello)
    /// One or more Raft messages. Batching amortizes the per-frame cost when a `Ready`
    /// carries many messages for the same peer.
    case raftBatch([Message])
    /// A piece of a snapshot's data, so that a large snapshot never needs one frame (and one
    /// buffer) of its full size.
    case snapshotChunk(SnapshotChunk)

    /// The tag written after the version byte. Zero is not a kind, so that a zeroed buffer
    /// is never mistaken for a frame.
    enum Kind: UInt8 {
        case hello = 1
        case raftBatch = 2
        case snapshotChunk = 3
    }

    var kind: Kind {
        switch self {
        case .hello: .hello
        case .raftBatch: .raftBatch
        case .snapshotChunk: .snapshotChunk
        }
    }
}
