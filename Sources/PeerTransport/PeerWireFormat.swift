// # PeerTransport wire format, version 1
//
// Nodes talk over one TCP connection per peer. The stream is a sequence of frames:
//
//     frame   = length:UInt32 version:UInt8 kind:UInt8 payload
//
// `length` counts the bytes after itself (version, kind and payload), so a frame occupies
// `4 + length` bytes. All integers are big-endian. Byte strings are `count:UInt32` followed
// by the bytes; node-id sets are `count:UInt32` followed by strictly ascending UInt64 ids, so
// every value has exactly one encoding (decode → encode reproduces the input bytes).
// Booleans are one byte, 0 or 1; any other byte is an error. Offsets in `PeerFrameError`
// count from the first byte of `length`.
//
// | kind | value | payload |
// | --- | --- | --- |
// | hello | 1 | protocolVersion:UInt8, clusterID:16 bytes, nodeID:UInt64, regionLength:UInt8, region:UTF-8 |
// | raftBatch | 2 | count:UInt32 (≥ 1), then `count` messages |
// | snapshotChunk | 3 | snapshotID, term, index, offset, totalLength (UInt64 each), bytes, isLast:Bool |
//
// A message is, in `Raft.Message` declaration order: type:UInt8, to, from, term, logTerm,
// index (UInt64 each), entryCount:UInt32 then entries, commit:UInt64, hasSnapshot:Bool then
// the snapshot if 1, reject:Bool, rejectHint:UInt64, context:bytes.
// An entry is index:UInt64, term:UInt64, kind:UInt8, data:bytes.
// A snapshot is index:UInt64, term:UInt64, voters, learners, votersOutgoing, learnersNext
// (node-id sets), autoLeave:Bool, data:bytes.
//
// Every count and length is checked against the bytes left in the frame before anything is
// allocated, and the frame length is checked against the configured maximum before its body
// is buffered, so a hostile peer can make a node hold at most one maximum-size frame.

/// The constants of the wire format above, shared by encoder, decoder and tests.
public enum PeerWireFormat {
    /// The one frame version this build reads and writes. A hello frame will keep this
    /// version in later releases so that peers of different versions can always read each
    /// other's `PeerHello.protocolVersion` and settle on a common one.
    public static let version: UInt8 = 1

    /// Bytes of the length prefix.
    static let lengthPrefixSize = 4

    /// Bytes of the length prefix, version and kind: the offset of the payload in a frame.
    static let headerSize = lengthPrefixSize + 2

    /// The default for `PeerFrameCodec.maxFrameLength`: large enough for a full
    /// `RaftConfig.maxSizePerMessage` batch with room to spare, small enough that one
    /// buffered frame per connection stays cheap.
    public static let defaultMaxFrameLength: UInt32 = 16 << 20
}
