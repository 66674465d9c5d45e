import Raft

/// Why an inbound connection is closed although every frame decoded: the peer broke a rule
/// of the protocol (see `PeerWireFormat.swift`). Each case becomes one log line naming what
/// the peer did, so an operator can tell a misconfigured node from a broken build.
enum InboundViolation: Error, Hashable, CustomStringConvertible {
    /// The first frame was not a hello.
    case helloMissing(firstFrame: String)
    /// A second hello on the same connection.
    case repeatedHello
    /// The peer belongs to another cluster.
    case clusterMismatch(peer: ClusterID, local: ClusterID)
    /// The hello names node 0 or this node itself.
    case invalidNodeID(NodeID)
    /// The hello announces a protocol version below the first one.
    case unsupportedProtocol(UInt8)
    /// A message is addressed to another node.
    case misaddressed(to: NodeID, type: MessageType)
    /// A chunk does not continue the transfer in progress.
    case chunkOutOfOrder(expectedOffset: UInt64, offset: UInt64)
    /// A chunk names another snapshot or length than the transfer in progress.
    case chunkMismatch(snapshotID: UInt64, expectedSnapshotID: UInt64)
    /// A transfer announces more data than `maxSnapshotSize`.
    case snapshotTooLarge(totalLength: UInt64, limit: UInt64)
    /// A chunk arrived after the last chunk, before the snapshot message.
    case chunkAfterLastChunk
    /// A snapshot message arrived without a complete transfer of its data.
    case snapshotWithoutData(index: UInt64, term: UInt64)
    /// A snapshot message carries no snapshot metadata.
    case snapshotMissing
    /// A batch carries more than one snapshot message.
    case multipleSnapshots

    var description: String {
        switch self {
        case .helloMissing(let kind):
            "first frame is \(kind), expected hello"
        case .repeatedHello:
            "second hello on one connection"
        case .clusterMismatch(let peer, let local):
            "peer belongs to cluster \(Self.hex(peer)), this node to \(Self.hex(local))"
        case .invalidNodeID(let id):
            "hello names node id \(id), which cannot be a peer"
        case .unsupportedProtocol(let version):
            "hello announces protocol version \(version), this node speaks \(PeerWireFormat.version)"
        case .misaddressed(let to, let type):
            "\(type) message is addressed to node \(to)"
        case .chunkOutOfOrder(let expected, let offset):
            "snapshot chunk at offset \(offset), expected offset \(expected)"
        case .chunkMismatch(let id, let expected):
            "snapshot chunk of transfer \(id) does not match transfer \(expected) in progress"
        case .snapshotTooLarge(let total, let limit):
            "snapshot of \(total) bytes exceeds the limit of \(limit) bytes"
        case .chunkAfterLastChunk:
            "snapshot chunk after the last chunk"
        case .snapshotWithoutData(let index, let term):
            "snapshot message (index \(index), term \(term)) without a complete transfer of its data"
        case .snapshotMissing:
            "snapshot message without snapshot metadata"
        case .multipleSnapshots:
            "more than one snapshot message in one batch"
        }
    }

    /// A cluster id as 32 hex digits, for the log line.
    private static func hex(_ id: ClusterID) -> String {
        func digits(_ value: UInt64) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        return digits(id.high) + digits(id.low)
    }
}
