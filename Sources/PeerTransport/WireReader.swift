import NIOCore
import Raft

/// A cursor over one complete frame that turns every malformed field into a
/// `PeerFrameError` naming the field and its offset. It is the only place where decoding
/// reads bytes or sizes an allocation, and each such size is checked against the bytes left
/// in the frame first, so decoding allocates in proportion to the frame, whatever the
/// counts in it say.
struct WireReader {
    /// The frame, length prefix included, so that `readerIndex` is the frame offset.
    private var frame: ByteBuffer

    /// Starts reading `frame` (a buffer holding exactly one frame) at `offset`.
    init(frame: ByteBuffer, offset: Int) {
        self.frame = frame
        self.frame.moveReaderIndex(to: offset)
    }

    /// The frame offset of the next byte.
    var offset: Int { frame.readerIndex }

    /// Bytes left in the frame.
    var remaining: Int { frame.readableBytes }

    /// Requires that the payload was read to the last byte, so that every frame has exactly
    /// one meaning.
    func expectEnd() throws(PeerFrameError) {
        guard remaining == 0 else { throw .trailingBytes(offset: offset, count: remaining) }
    }

    /// Reads a big-endian integer.
    mutating func readInteger<T: FixedWidthInteger>(
        _ field: PeerFrameError.Field, as: T.Type = T.self
    )
        throws(PeerFrameError) -> T
    {
        guard let value = frame.readInteger(as: T.self) else { throw overrun(field, needed: MemoryLayout<T>.size) }
        return value
    }

    /// Reads a one-byte boolean; only 0 and 1 are booleans.
    mutating func readBool(_ field: PeerFrameError.Field) throws(PeerFrameError) -> Bool {
        let start = offset
        switch try readInteger(field, as: UInt8.self) {
        case 0: return false
        case 1: return true
        case let value: throw .invalidValue(field: field, offset: start, value: value)
        }
    }

    /// Reads a one-byte enum raw value that must name a case.
    mutating func readEnum<T: RawRepresentable<UInt8>>(
        _ field: PeerFrameError.Field, as: T.Type = T.self
    )
        throws(PeerFrameError) -> T
    {
        let start = offset
        let value = try readInteger(field, as: UInt8.self)
        guard let result = T(rawValue: value) else { throw .invalidValue(field: field, offset: start, value: value) }
        return result
    }

    /// Reads exactly `count` bytes; `ByteBuffer.readBytes(length:)` checks `count` against
    /// the readable bytes before it allocates.
    mutating func readBytes(_ field: PeerFrameError.Field, count: Int) throws(PeerFrameError) -> [UInt8] {
        guard let bytes = frame.readBytes(length: count) else { throw overrun(field, needed: count) }
        return bytes
    }

    /// Reads a UInt32-length-prefixed byte string.
    mutating func readByteString(_ field: PeerFrameError.Field) throws(PeerFrameError) -> [UInt8] {
        let count = try readInteger(field, as: UInt32.self)
        return try readBytes(field, count: Int(count))
    }

    /// Reads a UInt32 element count and checks that `count` elements of at least
    /// `minimumElementSize` bytes each fit in the rest of the frame, so that callers may
    /// reserve capacity for `count` elements and loop `count` times.
    mutating func readCount(_ field: PeerFrameError.Field, minimumElementSize: Int) throws(PeerFrameError) -> Int {
        let start = offset
        let count = try readInteger(field, as: UInt32.self)
        guard Int(count) <= remaining / minimumElementSize else {
            throw .countExceedsFrame(field: field, offset: start, count: count, remaining: remaining)
        }
        return Int(count)
    }

    /// Reads a node-id set in its canonical form, strictly ascending ids.
    mutating func readNodeIDs(_ field: PeerFrameError.Field) throws(PeerFrameError) -> Set<NodeID> {
        let count = try readCount(field, minimumElementSize: MemoryLayout<NodeID>.size)
        var ids = Set<NodeID>(minimumCapacity: count)
        var previous: NodeID?
        for _ in 0..<count {
            let start = offset
            let id = try readInteger(field, as: NodeID.self)
            if let previous, id <= previous { throw .unsortedNodeIDs(field: field, offset: start) }
            ids.insert(id)
            previous = id
        }
        return ids
    }

    private func overrun(_ field: PeerFrameError.Field, needed: Int) -> PeerFrameError {
        .fieldOverrunsFrame(field: field, offset: offset, needed: needed, remaining: remaining)
    }
}
