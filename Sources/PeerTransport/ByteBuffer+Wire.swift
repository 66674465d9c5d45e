import NIOCore
import Raft

/// The encoding side of the primitives `WireReader` decodes.
extension ByteBuffer {
    /// Writes a boolean as 0 or 1.
    mutating func writeBool(_ value: Bool) {
        writeInteger(UInt8(value ? 1 : 0))
    }

    /// Writes a collection's size as a UInt32 count. A size beyond UInt32 would make the
    /// frame larger than any `PeerFrameCodec.maxFrameLength`, which the codec rejects after
    /// writing, so truncating here can never reach the wire.
    mutating func writeCount(_ count: Int) {
        writeInteger(UInt32(truncatingIfNeeded: count))
    }

    /// Writes a UInt32-length-prefixed byte string.
    mutating func writeByteString(_ bytes: [UInt8]) {
        writeCount(bytes.count)
        writeBytes(bytes)
    }

    /// Writes a node-id set in ascending order, its only valid encoding.
    mutating func writeNodeIDs(_ ids: Set<NodeID>) {
        writeCount(ids.count)
        for id in ids.sorted() {
            writeInteger(id)
        }
    }
}
