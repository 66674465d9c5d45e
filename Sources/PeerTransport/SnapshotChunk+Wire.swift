import NIOCore

/// The layout of `SnapshotChunk` (see `PeerWireFormat.swift`).
extension ByteBuffer {
    mutating func writeSnapshotChunk(_ chunk: SnapshotChunk) {
        writeInteger(chunk.snapshotID)
        writeInteger(chunk.term)
        writeInteger(chunk.index)
        writeInteger(chunk.offset)
        writeInteger(chunk.totalLength)
        writeByteString(chunk.bytes)
        writeBool(chunk.isLast)
    }
}

extension WireReader {
    mutating func readSnapshotChunk() throws(PeerFrameError) -> SnapshotChunk {
        let chunk = SnapshotChunk(
            snapshotID: try readInteger(.chunkSnapshotID), term: try readInteger(.chunkTerm),
            index: try readInteger(.chunkIndex), offset: try readInteger(.chunkOffset),
            totalLength: try readInteger(.chunkTotalLength), bytes: try readByteString(.chunkBytes),
            isLast: try readBool(.chunkIsLast))
        guard chunk.isConsistent else { throw chunk.inconsistency }
        return chunk
    }
}

extension SnapshotChunk {
    /// The error for a chunk that is not `isConsistent`.
    var inconsistency: PeerFrameError {
        .inconsistentSnapshotChunk(offset: offset, count: bytes.count, totalLength: totalLength, isLast: isLast)
    }
}
