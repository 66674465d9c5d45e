/// A contiguous piece of a snapshot's data. A snapshot can be far larger than a frame may
/// be, so the sender streams `Snapshot.data` in order as chunks and the receiver reassembles
/// it; the `(term, index)` pair names the snapshot, and `snapshotID` names one transfer of
/// it, so that the receiver can drop the pieces of an attempt the leader has abandoned.
public struct SnapshotChunk: Sendable, Hashable {
    /// Chosen by the sender, unique per transfer attempt.
    public var snapshotID: UInt64
    /// Term of the last entry the snapshot replaces.
    public var term: UInt64
    /// Index of the last entry the snapshot replaces.
    public var index: UInt64
    /// Where `bytes` start within the snapshot data.
    public var offset: UInt64
    /// Length of the whole snapshot data, repeated in every chunk so that the receiver can
    /// check and preallocate from any of them.
    public var totalLength: UInt64
    /// The piece itself.
    public var bytes: [UInt8]
    /// Whether this piece ends the data; must agree with `offset + bytes.count == totalLength`
    /// (a cross-check that catches a sender bug on the receiving side).
    public var isLast: Bool

    /// Creates a chunk.
    public init(
        snapshotID: UInt64, term: UInt64, index: UInt64, offset: UInt64, totalLength: UInt64, bytes: [UInt8],
        isLast: Bool
    ) {
        self.snapshotID = snapshotID
        self.term = term
        self.index = index
        self.offset = offset
        self.totalLength = totalLength
        self.bytes = bytes
        self.isLast = isLast
    }

    /// Whether the piece lies within the data and `isLast` says the truth. The codec refuses
    /// other chunks in both directions.
    var isConsistent: Bool {
        let (end, overflow) = offset.addingReportingOverflow(UInt64(bytes.count))
        return !overflow && end <= totalLength && isLast == (end == totalLength)
    }
}
