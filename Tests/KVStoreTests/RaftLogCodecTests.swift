import Raft
import Testing

@testable import KVStore

@Suite("RaftLog: record encodings")
struct RaftLogCodecTests {
    @Test("CRC-32C matches the standard check value")
    func checksum() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8]()) == 0)
    }

    @Test("every record round-trips, every field included")
    func roundTrips() throws {
        let entries = [
            LogEntry(index: 7, term: 3, kind: .confChange, data: [1, 2, 3]),
            LogEntry(index: .max, term: .max, kind: .normal, data: []),
        ]
        for entry in entries {
            #expect(try RaftLogCodec.decodeEntry(RaftLogCodec.encode(entry), index: entry.index) == entry)
        }
        for hardState in [
            HardState(), HardState(term: 9, vote: 0, commit: 4), HardState(term: .max, vote: 3, commit: .max),
        ] {
            #expect(try RaftLogCodec.decodeHardState(RaftLogCodec.encode(hardState)) == hardState)
        }
        let joint = ConfState(
            voters: [1, 2, 3], learners: [9], votersOutgoing: [1, 4], learnersNext: [4], autoLeave: true)
        for metadata in [SnapshotMetadata(), SnapshotMetadata(index: 40, term: 6, confState: joint)] {
            #expect(try RaftLogCodec.decodeSnapshotMetadata(RaftLogCodec.encode(metadata)) == metadata)
        }
        let position = LogPosition(index: 12, term: 5)
        #expect(try RaftLogCodec.decodeLogPosition(RaftLogCodec.encode(position)) == position)
        try RaftLogCodec.checkFormatMarker(RaftLogCodec.encodeFormatMarker())
    }

    @Test("equal conf states encode to equal bytes, whatever the sets' order")
    func deterministic() {
        let a = SnapshotMetadata(index: 1, term: 1, confState: ConfState(voters: Set((1...50).map(NodeID.init))))
        let b = SnapshotMetadata(
            index: 1, term: 1, confState: ConfState(voters: Set((1...50).reversed().map(NodeID.init))))
        #expect(RaftLogCodec.encode(a) == RaftLogCodec.encode(b))
    }

    @Test("every truncation and every single-bit flip of a record is refused, never misread")
    func damageIsRefused() {
        let joint = ConfState(voters: [1, 2], learners: [3], votersOutgoing: [1], learnersNext: [2], autoLeave: true)
        let records: [[UInt8]] = [
            RaftLogCodec.encode(LogEntry(index: 5, term: 2, kind: .confChange, data: Array("payload".utf8))),
            RaftLogCodec.encode(HardState(term: 3, vote: 2, commit: 1)),
            RaftLogCodec.encode(SnapshotMetadata(index: 9, term: 2, confState: joint)),
            RaftLogCodec.encode(LogPosition(index: 4, term: 1)),
        ]
        let decoders: [([UInt8]) throws -> Void] = [
            { _ = try RaftLogCodec.decodeEntry($0, index: 5) },
            { _ = try RaftLogCodec.decodeHardState($0) },
            { _ = try RaftLogCodec.decodeSnapshotMetadata($0) },
            { _ = try RaftLogCodec.decodeLogPosition($0) },
        ]
        for (record, decode) in zip(records, decoders) {
            for length in 0..<record.count {
                #expect(throws: RecordDamage.self) { try decode(Array(record.prefix(length))) }
            }
            for bit in 0..<(record.count * 8) {
                var flipped = record
                flipped[bit / 8] ^= 1 << UInt8(bit % 8)
                #expect(throws: RecordDamage.self) { try decode(flipped) }
            }
            #expect(throws: RecordDamage.self) { try decode(record + [0]) }
        }
    }

    @Test("random bytes never crash a decoder")
    func randomBytes() {
        var random = SeededGenerator(seed: 42)
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }
            _ = try? RaftLogCodec.decodeEntry(bytes, index: 1)
            _ = try? RaftLogCodec.decodeHardState(bytes)
            _ = try? RaftLogCodec.decodeSnapshotMetadata(bytes)
            _ = try? RaftLogCodec.decodeLogPosition(bytes)
        }
    }

    @Test("fields with impossible values are refused even under a valid checksum")
    func impossibleValues() {
        var badKind = RecordWriter()
        badKind.append(UInt8(7))
        badKind.append(UInt64(1))
        #expect(throws: RecordDamage("unknown entry kind 7")) {
            try RaftLogCodec.decodeEntry(RecordEnvelope.seal(version: 1, body: badKind), index: 1)
        }
        var badFlag = RecordWriter()
        badFlag.append(UInt64(1))
        badFlag.append(UInt8(2))
        badFlag.append(UInt64(0))
        badFlag.append(UInt64(0))
        #expect(throws: RecordDamage("has-vote flag is 2, expected 0 or 1")) {
            try RaftLogCodec.decodeHardState(RecordEnvelope.seal(version: 1, body: badFlag))
        }
        var repeated = RecordWriter()
        repeated.append(UInt64(1))
        repeated.append(UInt64(1))
        repeated.append(UInt32(2))
        repeated.append(UInt64(4))
        repeated.append(UInt64(4))
        for _ in 0..<3 { repeated.append(UInt32(0)) }
        repeated.append(UInt8(0))
        #expect(throws: RecordDamage("voters repeat an id")) {
            try RaftLogCodec.decodeSnapshotMetadata(RecordEnvelope.seal(version: 1, body: repeated))
        }
    }
}
