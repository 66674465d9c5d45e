import KVStore
import Raft

extension RaftLogStore: DurableRaftLog {
    func recordSnapshot(_ metadata: SnapshotMetadata, compactingThrough index: UInt64) throws {
        try createSnapshot(at: metadata.index, confState: metadata.confState, compactingThrough: index)
    }
}
