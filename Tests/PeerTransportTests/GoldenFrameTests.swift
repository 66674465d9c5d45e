import PeerTransport
import Raft
import Testing

/// Byte-exact encodings, written out field by field. A failure here means the wire format
/// changed: that needs a new `PeerWireFormat.version`, not a new golden value.
@Suite("Golden frames")
struct GoldenFrameTests {
    let codec = PeerFrameCodec()

    @Test("hello")
    func hello() throws {
        let frame = PeerFrame.hello(
            PeerHello(
                protocolVersion: 1, clusterID: ClusterID(high: 0x0011_2233_4455_6677, low: 0x8899_AABB_CCDD_EEFF),
                nodeID: 7, region: RegionName("eu-west")!))
        let golden: [UInt8] =
            [0x00, 0x00, 0x00, 0x23]  // length 35
            + [0x01, 0x01]  // version 1, kind hello
            + [0x01]  // protocol version
            + [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF]
            + [0, 0, 0, 0, 0, 0, 0, 7]  // node id
            + [0x07] + Array("eu-west".utf8)  // region
        #expect(try codec.bytes(of: [frame]) == golden)
        #expect(try codec.decodeOne(golden) == frame)
    }

    @Test("raft batch: append with an entry, snapshot with a ConfState, rejected response")
    func raftBatch() throws {
        let append = Message(
            type: .append, to: 2, from: 1, term: 3, logTerm: 2, index: 5,
            entries: [Entry(index: 6, term: 3, kind: .confChange, data: [0xAB])], commit: 4, context: [0x01, 0x02])
        let snapshot = Message(
            type: .snapshot, to: 3, from: 1, term: 3,
            snapshot: Snapshot(
                metadata: SnapshotMetadata(
                    index: 9, term: 2, confState: ConfState(voters: [2, 1], learners: [4], autoLeave: true)),
                data: [0xCD]))
        let response = Message(type: .appendResponse, to: 1, from: 2, term: 3, index: 5, reject: true, rejectHint: 4)
        let frame = PeerFrame.raftBatch([append, snapshot, response])
        let u64: (UInt8) -> [UInt8] = { [0, 0, 0, 0, 0, 0, 0, $0] }
        let u32: (UInt8) -> [UInt8] = { [0, 0, 0, $0] }
        let golden: [UInt8] =
            [0x00, 0x00, 0x01, 0x25]  // length 293
            + [0x01, 0x02]  // version 1, kind raftBatch
            + u32(3)  // three messages
            // append: type, to, from, term, logTerm, index
            + [0x00] + u64(2) + u64(1) + u64(3) + u64(2) + u64(5)
            + u32(1) + u64(6) + u64(3) + [0x01] + u32(1) + [0xAB]  // one entry: index, term, kind, data
            + u64(4) + [0x00]  // commit, no snapshot
            + [0x00] + u64(0) + u32(2) + [0x01, 0x02]  // reject, rejectHint, context
            // snapshot message: type, to, from, term, logTerm, index, no entries, commit
            + [0x08] + u64(3) + u64(1) + u64(3) + u64(0) + u64(0) + u32(0) + u64(0)
            + [0x01] + u64(9) + u64(2)  // has snapshot: index, term
            + u32(2) + u64(1) + u64(2)  // voters, ascending
            + u32(1) + u64(4)  // learners
            + u32(0) + u32(0) + [0x01]  // votersOutgoing, learnersNext, autoLeave
            + u32(1) + [0xCD]  // data
            + [0x00] + u64(0) + u32(0)  // reject, rejectHint, context
            // rejected append response
            + [0x01] + u64(1) + u64(2) + u64(3) + u64(0) + u64(5) + u32(0) + u64(0) + [0x00]
            + [0x01] + u64(4) + u32(0)
        #expect(try codec.bytes(of: [frame]) == golden)
        #expect(try codec.decodeOne(golden) == frame)
    }

    @Test("snapshot chunk")
    func snapshotChunk() throws {
        let frame = PeerFrame.snapshotChunk(
            SnapshotChunk(snapshotID: 10, term: 2, index: 9, offset: 0, totalLength: 3, bytes: [1, 2, 3], isLast: true))
        let golden: [UInt8] =
            [0x00, 0x00, 0x00, 0x32]  // length 50
            + [0x01, 0x03]  // version 1, kind snapshotChunk
            + [0, 0, 0, 0, 0, 0, 0, 10] + [0, 0, 0, 0, 0, 0, 0, 2] + [0, 0, 0, 0, 0, 0, 0, 9]  // id, term, index
            + [0, 0, 0, 0, 0, 0, 0, 0] + [0, 0, 0, 0, 0, 0, 0, 3]  // offset, total length
            + [0, 0, 0, 3, 1, 2, 3]  // bytes
            + [0x01]  // isLast
        #expect(try codec.bytes(of: [frame]) == golden)
        #expect(try codec.decodeOne(golden) == frame)
    }
}
