import NIOCore

/// Turns `PeerFrame`s into bytes and back (layout in `PeerWireFormat.swift`), without any
/// channel, so that the NIO handlers stay thin and the format can be tested byte by byte.
public struct PeerFrameCodec: Sendable {
    /// The largest `length` prefix accepted or produced: the bytes a single frame may make a
    /// node buffer. Both ends of a connection must agree on it.
    public var maxFrameLength: UInt32

    /// Creates a codec; the default limit is `PeerWireFormat.defaultMaxFrameLength` (16 MiB).
    public init(maxFrameLength: UInt32 = PeerWireFormat.defaultMaxFrameLength) {
        self.maxFrameLength = maxFrameLength
    }

    /// Appends `frame` to `buffer`. Throws, leaving `buffer` as it was, when the frame is
    /// one the decoder would refuse: larger than `maxFrameLength`, an empty batch, or an
    /// inconsistent snapshot chunk. Failing here names the bug on the sending side instead
    /// of making the peer drop the connection.
    public func encode(_ frame: PeerFrame, into buffer: inout ByteBuffer) throws(PeerFrameError) {
        switch frame {
        case .raftBatch(let messages) where messages.isEmpty: throw .emptyBatch
        case .snapshotChunk(let chunk) where !chunk.isConsistent: throw chunk.inconsistency
        case .hello, .raftBatch, .snapshotChunk: break
        }
        let start = buffer.writerIndex
        buffer.writeInteger(UInt32(0))  // The length, filled in once the payload is written.
        buffer.writeInteger(PeerWireFormat.version)
        buffer.writeInteger(frame.kind.rawValue)
        switch frame {
        case .hello(let hello): buffer.writeHello(hello)
        case .raftBatch(let messages): buffer.writeBatch(messages)
        case .snapshotChunk(let chunk): buffer.writeSnapshotChunk(chunk)
        }
        let length = buffer.writerIndex - start - PeerWireFormat.lengthPrefixSize
        guard length <= maxFrameLength else {
            buffer.moveWriterIndex(to: start)
            throw .frameTooLarge(length: length, limit: Int(maxFrameLength))
        }
        buffer.setInteger(UInt32(length), at: start)
    }

    /// Removes the first frame from `buffer` and returns it, or returns nil and leaves
    /// `buffer` untouched when the frame is not complete yet. The header is checked as soon
    /// as its bytes are there, so an oversized length, an unknown version or an unknown kind
    /// throws before the body is waited for. After an error the stream cannot be trusted;
    /// `buffer` is left as it was.
    public func decode(from buffer: inout ByteBuffer) throws(PeerFrameError) -> PeerFrame? {
        let start = buffer.readerIndex
        let versionOffset = start + PeerWireFormat.lengthPrefixSize
        guard let length = buffer.getInteger(at: start, as: UInt32.self) else { return nil }
        guard length >= PeerWireFormat.headerSize - PeerWireFormat.lengthPrefixSize else {
            throw .frameTooShort(length: Int(length))
        }
        guard length <= maxFrameLength else { throw .frameTooLarge(length: Int(length), limit: Int(maxFrameLength)) }
        if let version = buffer.getInteger(at: versionOffset, as: UInt8.self), version != PeerWireFormat.version {
            throw .unsupportedVersion(version)
        }
        guard let kindByte = buffer.getInteger(at: versionOffset + 1, as: UInt8.self) else { return nil }
        guard let kind = PeerFrame.Kind(rawValue: kindByte) else { throw .unknownKind(kindByte) }
        let frameSize = PeerWireFormat.lengthPrefixSize + Int(length)
        guard let bytes = buffer.getSlice(at: start, length: frameSize) else { return nil }

        var reader = WireReader(frame: bytes, offset: PeerWireFormat.headerSize)
        let frame: PeerFrame
        switch kind {
        case .hello: frame = .hello(try reader.readHello())
        case .raftBatch: frame = .raftBatch(try reader.readBatch())
        case .snapshotChunk: frame = .snapshotChunk(try reader.readSnapshotChunk())
        }
        try reader.expectEnd()
        buffer.moveReaderIndex(forwardBy: frameSize)
        return frame
    }
}
