import NIOCore
import PeerTransport
import Raft
import Testing

/// Each way a frame can be wrong, forged from a valid frame, with the exact typed error
/// expected. Offsets below are those of `heartbeat` (77 bytes): header 0–5, batch count 6,
/// type 10, to 11, from 19, term 27, logTerm 35, index 43, entry count 51, commit 55,
/// hasSnapshot 63, reject 64, rejectHint 65, context 73.
@Suite("Malformed frames")
struct MalformedFrameTests {
    let codec = PeerFrameCodec()
    let heartbeat: [UInt8]

    init() throws {
        heartbeat = try codec.bytes(of: [.raftBatch([Message(type: .heartbeat, to: 2, from: 1)])])
    }

    func expectError(
        _ error: PeerFrameError, decoding bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var buffer = ByteBuffer(bytes: bytes)
        #expect(throws: error, sourceLocation: sourceLocation) { try codec.decode(from: &buffer) }
        #expect(buffer.readerIndex == 0, "a failed decode consumes nothing", sourceLocation: sourceLocation)
    }

    func patched(_ bytes: [UInt8], _ change: (inout [UInt8]) -> Void) -> [UInt8] {
        var bytes = bytes
        change(&bytes)
        return bytes
    }

    @Test("an oversized length is refused from the four length bytes alone, before buffering the body")
    func oversizedLength() throws {
        expectError(.frameTooLarge(length: (16 << 20) + 1, limit: 16 << 20), decoding: [0x01, 0x00, 0x00, 0x01])
        expectError(.frameTooLarge(length: Int(UInt32.max), limit: 16 << 20), decoding: [0xFF, 0xFF, 0xFF, 0xFF])
        var atLimit = ByteBuffer(bytes: [0x01, 0x00, 0x00, 0x00, 0x01, 0x02])
        #expect(try codec.decode(from: &atLimit) == nil, "a frame of exactly the limit waits for its body")
    }

    @Test("a length too short for version and kind")
    func tooShort() {
        expectError(.frameTooShort(length: 0), decoding: [0, 0, 0, 0])
        expectError(.frameTooShort(length: 1), decoding: [0, 0, 0, 1, 1])
    }

    @Test("unknown versions and kinds are refused as soon as their byte arrives")
    func unknownVersionAndKind() {
        for version: UInt8 in [0, 2, 255] {
            expectError(.unsupportedVersion(version), decoding: [0, 0, 0, 73, version])
        }
        for kind: UInt8 in [0, 4, 255] {
            expectError(.unknownKind(kind), decoding: [0, 0, 0, 73, 1, kind])
        }
    }

    @Test("enum raw values that name no case")
    func unknownEnumValues() throws {
        for value: UInt8 in [14, 255] {
            expectError(
                .invalidValue(field: .messageType, offset: 10, value: value),
                decoding: patched(heartbeat) { $0[10] = value })
        }
        let append = try codec.bytes(of: [.raftBatch([Message(type: .append, to: 2, from: 1, entries: [Entry()])])])
        expectError(
            .invalidValue(field: .entryKind, offset: 71, value: 2), decoding: patched(append) { $0[71] = 2 })
    }

    @Test("booleans other than 0 and 1")
    func invalidBooleans() throws {
        expectError(
            .invalidValue(field: .messageHasSnapshot, offset: 63, value: 2), decoding: patched(heartbeat) { $0[63] = 2 }
        )
        expectError(
            .invalidValue(field: .messageReject, offset: 64, value: 0x80),
            decoding: patched(heartbeat) { $0[64] = 0x80 })
        let snapshot = try codec.bytes(of: [
            .raftBatch([Message(type: .snapshot, to: 2, from: 1, snapshot: Snapshot())])
        ])
        // Snapshot at 64: index, term, four empty sets (80, 84, 88, 92), autoLeave at 96.
        expectError(
            .invalidValue(field: .autoLeave, offset: 96, value: 7), decoding: patched(snapshot) { $0[96] = 7 })
        let chunk = try codec.bytes(of: [
            .snapshotChunk(
                SnapshotChunk(snapshotID: 1, term: 1, index: 1, offset: 0, totalLength: 0, bytes: [], isLast: true))
        ])
        expectError(
            .invalidValue(field: .chunkIsLast, offset: chunk.count - 1, value: 2),
            decoding: patched(chunk) { $0[$0.count - 1] = 2 })
    }

    @Test("bytes left inside the frame after the payload")
    func trailingBytes() {
        let longer = patched(heartbeat) {
            $0.setBigEndian(UInt32(74), at: 0)
            $0.append(0)
        }
        expectError(.trailingBytes(offset: 77, count: 1), decoding: longer)
    }

    @Test("a field running past the end of its frame")
    func fieldOverrunsFrame() throws {
        let withContext = try codec.bytes(of: [
            .raftBatch([Message(type: .heartbeat, to: 2, from: 1, context: [1, 2, 3, 4])])
        ])
        let shorter = patched(withContext) {
            $0.setBigEndian(UInt32(75), at: 0)
            $0.removeLast(2)
        }
        expectError(.fieldOverrunsFrame(field: .messageContext, offset: 77, needed: 4, remaining: 2), decoding: shorter)
    }

    @Test("hostile counts and lengths are refused before anything is allocated for them")
    func hostileCounts() throws {
        expectError(
            .countExceedsFrame(field: .batchCount, offset: 6, count: .max, remaining: 67),
            decoding: patched(heartbeat) { $0.setBigEndian(UInt32.max, at: 6) })
        expectError(
            .countExceedsFrame(field: .messageEntries, offset: 51, count: 0x7FFF_FFFF, remaining: 22),
            decoding: patched(heartbeat) { $0.setBigEndian(UInt32(0x7FFF_FFFF), at: 51) })
        expectError(
            .countExceedsFrame(field: .messageEntries, offset: 51, count: 2, remaining: 22),
            decoding: patched(heartbeat) { $0.setBigEndian(UInt32(2), at: 51) })
        // One 21-byte entry does fit in the 22 bytes left, so the count passes and the entry
        // swallows the rest of the message, leaving one byte where `commit` needs eight.
        expectError(
            .fieldOverrunsFrame(field: .messageCommit, offset: 76, needed: 8, remaining: 1),
            decoding: patched(heartbeat) { $0.setBigEndian(UInt32(1), at: 51) })
        expectError(
            .fieldOverrunsFrame(field: .messageContext, offset: 77, needed: Int(UInt32.max), remaining: 0),
            decoding: patched(heartbeat) { $0.setBigEndian(UInt32.max, at: 73) })
        let snapshot = try codec.bytes(of: [
            .raftBatch([Message(type: .snapshot, to: 2, from: 1, snapshot: Snapshot())])
        ])
        expectError(
            .countExceedsFrame(field: .voters, offset: 80, count: 0x0100_0000, remaining: snapshot.count - 84),
            decoding: patched(snapshot) { $0.setBigEndian(UInt32(0x0100_0000), at: 80) })
    }

    @Test("an empty batch is refused in both directions")
    func emptyBatch() {
        expectError(.emptyBatch, decoding: [0, 0, 0, 6, 1, 2, 0, 0, 0, 0])
        var buffer = ByteBuffer()
        #expect(throws: PeerFrameError.emptyBatch) { try codec.encode(.raftBatch([]), into: &buffer) }
        #expect(buffer.writerIndex == 0)
    }

    @Test("node-id sets must be strictly ascending: no duplicates, one encoding")
    func unsortedNodeIDs() throws {
        let snapshot = try codec.bytes(of: [
            .raftBatch([
                Message(
                    type: .snapshot, to: 2, from: 1,
                    snapshot: Snapshot(metadata: SnapshotMetadata(confState: ConfState(voters: [1, 2]))))
            ])
        ])
        // voters: count at 80, ids at 84 and 92.
        expectError(
            .unsortedNodeIDs(field: .voters, offset: 92),
            decoding: patched(snapshot) {
                $0.setBigEndian(UInt64(2), at: 84)
                $0.setBigEndian(UInt64(1), at: 92)
            })
        expectError(
            .unsortedNodeIDs(field: .voters, offset: 92),
            decoding: patched(snapshot) { $0.setBigEndian(UInt64(1), at: 92) })
    }

    @Test("a region name that is not UTF-8")
    func invalidRegion() throws {
        let hello = try codec.bytes(of: [
            .hello(PeerHello(clusterID: ClusterID(high: 1, low: 2), nodeID: 3, region: RegionName("ab")!))
        ])
        // Region length at 6 + 1 + 16 + 8 = 31.
        expectError(
            .invalidUTF8(field: .helloRegion, offset: 31),
            decoding: patched(hello) { $0.replaceSubrange(32..., with: [0xC3, 0x28]) })
    }

    @Test("snapshot chunks whose extent or isLast contradict totalLength")
    func inconsistentChunks() throws {
        let chunk = SnapshotChunk(
            snapshotID: 1, term: 1, index: 1, offset: 4, totalLength: 10, bytes: [1, 2], isLast: false)
        let bytes = try codec.bytes(of: [.snapshotChunk(chunk)])
        // offset at 30, totalLength at 38, isLast last.
        expectError(
            .inconsistentSnapshotChunk(offset: 4, count: 2, totalLength: 10, isLast: true),
            decoding: patched(bytes) { $0[$0.count - 1] = 1 })
        expectError(
            .inconsistentSnapshotChunk(offset: .max, count: 2, totalLength: 10, isLast: false),
            decoding: patched(bytes) { $0.setBigEndian(UInt64.max, at: 30) })
        expectError(
            .inconsistentSnapshotChunk(offset: 4, count: 2, totalLength: 5, isLast: false),
            decoding: patched(bytes) { $0.setBigEndian(UInt64(5), at: 38) })

        var buffer = ByteBuffer(bytes: [0xAA])
        var last = chunk
        last.isLast = true
        #expect(throws: PeerFrameError.inconsistentSnapshotChunk(offset: 4, count: 2, totalLength: 10, isLast: true)) {
            try codec.encode(.snapshotChunk(last), into: &buffer)
        }
        #expect(Array(buffer.readableBytesView) == [0xAA], "a failed encode leaves the buffer as it was")
    }

    @Test("an encoded frame over the limit is refused and leaves the buffer as it was")
    func encodeTooLarge() {
        let small = PeerFrameCodec(maxFrameLength: 72)
        var buffer = ByteBuffer(bytes: [1, 2, 3])
        #expect(throws: PeerFrameError.frameTooLarge(length: 73, limit: 72)) {
            try small.encode(.raftBatch([Message(type: .heartbeat, to: 2, from: 1)]), into: &buffer)
        }
        #expect(Array(buffer.readableBytesView) == [1, 2, 3])
    }

    @Test("descriptions say what was wrong and where")
    func descriptions() {
        #expect(
            PeerFrameError.invalidValue(field: .messageType, offset: 10, value: 14).description
                == "Message.type at offset 10 has invalid value 14")
        #expect(
            PeerFrameError.countExceedsFrame(field: .voters, offset: 80, count: 9, remaining: 12).description
                == "ConfState.voters at offset 80 announces 9 elements, more than the 12 remaining bytes of the frame can hold"
        )
        #expect(
            PeerFrameError.frameTooLarge(length: 20, limit: 10).description
                == "frame length 20 exceeds the limit of 10 bytes")
    }
}
