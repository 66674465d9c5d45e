/// Where the sender finds a snapshot's data. Raft's `.snapshot` message carries only the
/// metadata (its `data` is empty) because a state-machine image can be far larger than
/// anything worth holding in memory; the node keeps the image in a file and tells the
/// network where.
public protocol SnapshotFileProvider: Sendable {
    /// The path of the file holding the data of the snapshot at `index`/`term`, or nil when
    /// the node no longer has it (the transfer is then reported as failed). Called from a
    /// background task, once per transfer; it should not block for long. The file must not
    /// change while a transfer reads it.
    func snapshotFile(index: UInt64, term: UInt64) -> String?
}
