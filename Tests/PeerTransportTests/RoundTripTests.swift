import NIOCore
import Raft
import Testing

@testable import PeerTransport

@Suite("PeerFrame round trips")
struct RoundTripTests {
    let codec = PeerFrameCodec()

    /// Encodes, decodes, and requires the same frame back with every byte consumed.
    func roundTrip(_ frame: PeerFrame, codec: PeerFrameCodec = PeerFrameCodec()) throws {
        var buffer = ByteBuffer()
        try codec.encode(frame, into: &buffer)
        let decoded = try codec.decode(from: &buffer)
        #expect(decoded == frame)
        #expect(buffer.readableBytes == 0)
    }

    @Test("every MessageType with every field random", arguments: MessageType.allCases)
    func everyMessageType(type: MessageType) throws {
        var generator = FrameGenerator(seed: UInt64(type.rawValue) + 1)
        for _ in 0..<200 {
            try roundTrip(.raftBatch([generator.message(type)]))
        }
    }

    @Test("messages with every optional field set, including a snapshot with a joint ConfState")
    func fullyPopulatedMessage() throws {
        var generator = FrameGenerator(seed: 42)
        var message = generator.message(.snapshot)
        message.entries = [generator.entry(), Entry(index: .max, term: .max, kind: .confChange, data: [0xFF])]
        message.snapshot = Snapshot(
            metadata: SnapshotMetadata(
                index: .max, term: 1,
                confState: ConfState(
                    voters: [1, 2, 3], learners: [4], votersOutgoing: [1, 2, 5], learnersNext: [5], autoLeave: true)),
            data: generator.random.bytes(count: 1000))
        message.reject = true
        message.context = [0, 1, 2]
        try roundTrip(.raftBatch([message]))
    }

    @Test("zero-valued message, empty entries and empty snapshot")
    func emptyValues() throws {
        try roundTrip(.raftBatch([Message(type: .heartbeat, to: 0, from: 0)]))
        try roundTrip(.raftBatch([Message(type: .append, to: 1, from: 2, entries: [Entry(), Entry()])]))
        try roundTrip(.raftBatch([Message(type: .snapshot, to: 1, from: 2, snapshot: Snapshot())]))
    }

    @Test("batches of many messages")
    func batches() throws {
        var generator = FrameGenerator(seed: 7)
        for count in [1, 2, 17, 500] {
            try roundTrip(.raftBatch((0..<count).map { _ in generator.message() }))
        }
    }

    @Test("large entries up to the frame limit, and one byte past it")
    func largeEntries() throws {
        var generator = FrameGenerator(seed: 9)
        let payload = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let frame = PeerFrame.raftBatch([
            Message(
                type: .append, to: 2, from: 1, entries: [Entry(index: 1, term: 1, data: payload), generator.entry()])
        ])
        try roundTrip(frame)
        var buffer = ByteBuffer()
        try codec.encode(frame, into: &buffer)
        let length = UInt32(buffer.readableBytes - 4)
        try roundTrip(frame, codec: PeerFrameCodec(maxFrameLength: length))
        #expect(throws: PeerFrameError.frameTooLarge(length: Int(length), limit: Int(length - 1))) {
            try PeerFrameCodec(maxFrameLength: length - 1).encode(frame, into: &buffer)
        }
    }

    @Test("hellos with random cluster ids and multi-byte region names")
    func hellos() throws {
        var generator = FrameGenerator(seed: 11)
        for _ in 0..<500 {
            try roundTrip(.hello(generator.hello()))
        }
        let longest = try #require(RegionName(String(repeating: "é", count: 127) + "x"))
        try roundTrip(.hello(PeerHello(clusterID: ClusterID(high: 0, low: 0), nodeID: 1, region: longest)))
        #expect(RegionName(String(repeating: "é", count: 128)) == nil)
    }

    @Test("snapshot chunks, first, middle, last and empty")
    func snapshotChunks() throws {
        var generator = FrameGenerator(seed: 13)
        for _ in 0..<500 {
            try roundTrip(.snapshotChunk(generator.chunk()))
        }
        let empty = SnapshotChunk(snapshotID: 1, term: 1, index: 1, offset: 0, totalLength: 0, bytes: [], isLast: true)
        try roundTrip(.snapshotChunk(empty))
    }

    @Test("the minimum wire sizes used to bound counts match the encoder")
    func minimumSizes() throws {
        let emptyMessage = try codec.bytes(of: [.raftBatch([Message(type: .append, to: 0, from: 0)])])
        let withEmptyEntry = try codec.bytes(of: [
            .raftBatch([Message(type: .append, to: 0, from: 0, entries: [Entry()])])
        ])
        // Header (6) and batch count (4) precede the message.
        #expect(emptyMessage.count - 10 == MessageWire.minimumSize)
        #expect(withEmptyEntry.count - emptyMessage.count == MessageWire.minimumEntrySize)
    }
}
