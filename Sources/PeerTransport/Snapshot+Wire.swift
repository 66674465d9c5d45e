import NIOCore
import Raft

/// The layout of `Snapshot`, metadata and `ConfState` included (see `PeerWireFormat.swift`).
extension ByteBuffer {
    mutating func writeSnapshot(_ snapshot: Snapshot) {
        writeInteger(snapshot.metadata.index)
        writeInteger(snapshot.metadata.term)
        let confState = snapshot.metadata.confState
        writeNodeIDs(confState.voters)
        writeNodeIDs(confState.learners)
        writeNodeIDs(confState.votersOutgoing)
        writeNodeIDs(confState.learnersNext)
        writeBool(confState.autoLeave)
        writeByteString(snapshot.data)
    }
}

extension WireReader {
    mutating func readSnapshot() throws(PeerFrameError) -> Snapshot {
        let index = try readInteger(.snapshotIndex, as: UInt64.self)
        let term = try readInteger(.snapshotTerm, as: UInt64.self)
        let confState = ConfState(
            voters: try readNodeIDs(.voters), learners: try readNodeIDs(.learners),
            votersOutgoing: try readNodeIDs(.votersOutgoing), learnersNext: try readNodeIDs(.learnersNext),
            autoLeave: try readBool(.autoLeave))
        return Snapshot(
            metadata: SnapshotMetadata(index: index, term: term, confState: confState),
            data: try readByteString(.snapshotData))
    }
}
