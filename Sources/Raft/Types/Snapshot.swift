/// Where a snapshot sits in the log and which configuration it captured (Raft paper §7:
/// "the last included index and term ... and the latest configuration").
public struct SnapshotMetadata: Sendable, Hashable {
    /// Index of the last entry the snapshot replaces.
    public var index: UInt64
    /// Term of that entry.
    public var term: UInt64
    /// Configuration as of `index`.
    public var confState: ConfState

    /// Creates snapshot metadata.
    public init(index: UInt64 = 0, term: UInt64 = 0, confState: ConfState = ConfState()) {
        self.index = index
        self.term = term
        self.confState = confState
    }
}

/// A state machine image that replaces a log prefix (Raft paper §7, log compaction).
public struct Snapshot: Sendable, Hashable {
    /// Position and configuration of the image.
    public var metadata: SnapshotMetadata
    /// The serialized state machine, opaque to Raft.
    public var data: [UInt8]

    /// Creates a snapshot.
    public init(metadata: SnapshotMetadata = SnapshotMetadata(), data: [UInt8] = []) {
        self.metadata = metadata
        self.data = data
    }

    /// An index of zero means "no snapshot taken yet".
    public var isEmpty: Bool { metadata.index == 0 }
}
