/// Why bytes could not be decoded into a `PeerFrame`, or a frame could not be encoded.
/// Every case says what was wrong and, for decoding, where: offsets count from the first
/// byte of the frame's length prefix. A decode error means the peer does not speak this
/// protocol (or is hostile), so the stream cannot be resynchronized: the transport closes
/// the connection.
public enum PeerFrameError: Error, Sendable, Hashable {
    /// The length prefix announces fewer bytes than the version and kind bytes need.
    case frameTooShort(length: Int)
    /// The frame's length (announced by the prefix when decoding, computed when encoding)
    /// exceeds `PeerFrameCodec.maxFrameLength`. Decoding reports this before buffering the body.
    case frameTooLarge(length: Int, limit: Int)
    /// The version byte (frame offset 4) names a format this build does not know.
    case unsupportedVersion(UInt8)
    /// The kind byte (frame offset 5) names no `PeerFrame` case.
    case unknownKind(UInt8)
    /// A field needs more bytes than the frame has left.
    case fieldOverrunsFrame(field: Field, offset: Int, needed: Int, remaining: Int)
    /// A count announces more elements than the rest of the frame could possibly hold.
    case countExceedsFrame(field: Field, offset: Int, count: UInt32, remaining: Int)
    /// A one-byte enum or boolean has a value with no meaning.
    case invalidValue(field: Field, offset: Int, value: UInt8)
    /// A string is not valid UTF-8.
    case invalidUTF8(field: Field, offset: Int)
    /// A node-id set is not strictly ascending (a duplicate, or not the canonical order).
    case unsortedNodeIDs(field: Field, offset: Int)
    /// A raft batch has no message; there is no reason to send one.
    case emptyBatch
    /// A snapshot chunk reaches past `totalLength`, or its `isLast` contradicts its extent.
    case inconsistentSnapshotChunk(offset: UInt64, count: Int, totalLength: UInt64, isLast: Bool)
    /// The payload ended before the frame did.
    case trailingBytes(offset: Int, count: Int)
    /// The stream ended (or the decoder was removed) in the middle of a frame.
    case truncatedStream(bufferedBytes: Int)

    /// The wire field an error is about, named as in the Swift types.
    public enum Field: String, Sendable, Hashable {
        case helloClusterID = "PeerHello.clusterID"
        case helloNodeID = "PeerHello.nodeID"
        case helloProtocolVersion = "PeerHello.protocolVersion"
        case helloRegion = "PeerHello.region"
        case batchCount = "raftBatch.count"
        case messageType = "Message.type"
        case messageTo = "Message.to"
        case messageFrom = "Message.from"
        case messageTerm = "Message.term"
        case messageLogTerm = "Message.logTerm"
        case messageIndex = "Message.index"
        case messageEntries = "Message.entries"
        case messageCommit = "Message.commit"
        case messageHasSnapshot = "Message.snapshot (presence)"
        case messageReject = "Message.reject"
        case messageRejectHint = "Message.rejectHint"
        case messageContext = "Message.context"
        case entryIndex = "Entry.index"
        case entryTerm = "Entry.term"
        case entryKind = "Entry.kind"
        case entryData = "Entry.data"
        case snapshotIndex = "SnapshotMetadata.index"
        case snapshotTerm = "SnapshotMetadata.term"
        case voters = "ConfState.voters"
        case learners = "ConfState.learners"
        case votersOutgoing = "ConfState.votersOutgoing"
        case learnersNext = "ConfState.learnersNext"
        case autoLeave = "ConfState.autoLeave"
        case snapshotData = "Snapshot.data"
        case chunkSnapshotID = "SnapshotChunk.snapshotID"
        case chunkTerm = "SnapshotChunk.term"
        case chunkIndex = "SnapshotChunk.index"
        case chunkOffset = "SnapshotChunk.offset"
        case chunkTotalLength = "SnapshotChunk.totalLength"
        case chunkBytes = "SnapshotChunk.bytes"
        case chunkIsLast = "SnapshotChunk.isLast"
    }
}
