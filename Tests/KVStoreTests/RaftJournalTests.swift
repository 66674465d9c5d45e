import Foundation
import Raft
import Testing

@testable import KVStore

/// The journal's recovery after a crash: torn and stale records end it, damage before a later
/// record is refused, folders of earlier builds open, and a full journal is checkpointed.
@Suite("RaftLog: journal")
struct RaftJournalTests {
    /// A store that journaled entries 1, 2 and 3 as three records (nothing checkpointed).
    private func threeRecords(_ purpose: String = #function) throws -> RaftLogFixture {
        let fixture = try RaftLogFixture(purpose)
        for index: UInt64 in 1...3 {
            try fixture.log.persist(
                hardState: HardState(term: 1, commit: index - 1), entries: [LogEntry.sample(index, term: 1, size: 40)])
        }
        #expect(fixture.log.writer.withLock { $0.durableLastIndex } == 0)
        return fixture
    }

    /// The offsets of the records a journal file holds from offset 0 on, in order.
    private func recordOffsets(_ journalPath: String) throws -> [(offset: Int, seq: UInt64)] {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: journalPath)))
        var found: [(Int, UInt64)] = []
        var offset = 0
        while let (record, size) = try RaftJournalRecord.read(bytes, at: offset) {
            found.append((offset, record.seq))
            offset += size
        }
        return found
    }

    /// Overwrites `count` bytes of the file at `offset` with `byte`.
    private func overwrite(_ path: String, at offset: Int, count: Int, with byte: UInt8) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        handle.write(Data(repeating: byte, count: count))
    }

    @Test("a record reads back as written; a newer format version is refused, not misread")
    func recordFormat() throws {
        let record = RaftJournalRecord(
            seq: 7, hardState: HardState(term: 3, vote: 2, commit: 5),
            entries: [LogEntry.sample(9, term: 3), LogEntry.sample(10, term: 3, kind: .confChange)])
        var bytes = record.encoded() + [0, 0, 0]
        let (decoded, size) = try #require(try RaftJournalRecord.read(bytes, at: 0))
        #expect(decoded == record)
        #expect(size == bytes.count - 3)
        #expect(try RaftJournalRecord.read(bytes, at: size) == nil)
        // Version 2 with a checksum that holds: written by a newer build.
        bytes[4] = 2
        let checksum = CRC32C.checksum(bytes[4..<(size - 4)])
        for (offset, shift) in zip((size - 4)..<size, stride(from: 24, through: 0, by: -8)) {
            bytes[offset] = UInt8(truncatingIfNeeded: checksum >> UInt32(shift))
        }
        #expect(throws: RecordDamage.self) { try RaftJournalRecord.read(bytes, at: 0) }
    }

    @Test("records persisted before a crash are replayed, then checkpointed into LMDB")
    func replay() throws {
        let fixture = try threeRecords()
        defer { fixture.remove() }
        let log = try fixture.restart()
        #expect(try log.lastIndex() == 3)
        #expect(try log.entries(from: 1, to: 4, maxSize: .max).map(\.index) == [1, 2, 3])
        #expect(try log.initialState().hardState == HardState(term: 1, commit: 2))
        #expect(log.writer.withLock { $0.durableLastIndex } == 3)
        #expect(try log.environment.read { try log.tables.journalSeq(in: $0) } == 3)
    }

    @Test("a torn last record (garbage or zeros over its end) recovers the records before it")
    func tornLastRecord() throws {
        for byte: UInt8 in [0xAB, 0] {
            let fixture = try threeRecords("torn\(byte)")
            defer { fixture.remove() }
            let log = try fixture.restart { journal in
                let records = try recordOffsets(journal)
                try #require(records.count == 3)
                try overwrite(journal, at: records[2].offset + 30, count: 40, with: byte)
            }
            #expect(try log.lastIndex() == 2)
            #expect(
                try log.entries(from: 1, to: 3, maxSize: .max) == [1, 2].map { LogEntry.sample($0, term: 1, size: 40) })
            #expect(try log.initialState().hardState == HardState(term: 1, commit: 1))
            // The log goes on from there, and survives another crash.
            try log.persist(entries: [LogEntry.sample(3, term: 2)])
            #expect(try fixture.restart().term(at: 3) == 2)
        }
    }

    @Test("records of an earlier lap after the current ones are ignored")
    func staleRecordsIgnored() throws {
        let fixture = try threeRecords()
        defer { fixture.remove() }
        try fixture.log.checkpoint()
        try fixture.log.persist(entries: [LogEntry.sample(4, term: 2, size: 40)])
        let log = try fixture.restart { journal in
            // Seq 4 at offset 0, then the rest of the earlier lap (seqs 2 and 3), still valid.
            let records = try recordOffsets(journal).map(\.seq)
            #expect(records == [4])
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: journal)))
            let afterFirst = try #require(try RaftJournalRecord.read(bytes, at: 0)).size
            #expect(RaftJournalRecord.firstRecord(in: bytes, from: afterFirst, withSeqAtLeast: 1) != nil)
        }
        #expect(try log.lastIndex() == 4)
        #expect(try log.entries(from: 1, to: 5, maxSize: .max).map(\.term) == [1, 1, 1, 2])
    }

    @Test("a damaged record followed by a valid later one is refused, naming the journal and offset")
    func damageBeforeLaterRecord() throws {
        let fixture = try threeRecords()
        defer { fixture.remove() }
        var damagedOffset = 0
        let message = storageFailureMessage {
            try fixture.restart { journal in
                let records = try recordOffsets(journal)
                damagedOffset = records[1].offset
                try overwrite(journal, at: damagedOffset + 25, count: 1, with: 0xFF)
            }
        }
        #expect(message?.contains(fixture.journalPath) == true, "\(message ?? "no failure")")
        #expect(message?.contains("offset \(damagedOffset)") == true, "\(message ?? "no failure")")
    }

    @Test("a data folder of an earlier build (no journal, no journal seq) opens and gets a journal")
    func folderWithoutJournal() throws {
        let fixture = try threeRecords()
        defer { fixture.remove() }
        try fixture.withRawEnvironment { environment in
            let stable = try environment.database(RaftLogTables.stableName)
            try environment.write { _ = try $0.delete(RaftLogTables.StableKey.journalSeq.bytes, in: stable) }
        }
        try FileManager.default.removeItem(atPath: fixture.journalPath)
        let log = try fixture.reopen()
        #expect(try log.entries(from: 1, to: 4, maxSize: .max).map(\.index) == [1, 2, 3])
        let size = try FileManager.default.attributesOfItem(atPath: fixture.journalPath)[.size] as? Int
        #expect(size == fixture.journalCapacity)
        try log.persist(entries: [LogEntry.sample(4, term: 1)])
        #expect(try fixture.restart().lastIndex() == 4)
    }

    @Test("a journal missing beside a log that had one is refused: acknowledged records may be lost")
    func missingJournalAfterUse() throws {
        let fixture = try threeRecords()
        defer { fixture.remove() }
        fixture.close()
        try FileManager.default.removeItem(atPath: fixture.journalPath)
        let message = storageFailureMessage { try fixture.reopen() }
        #expect(message?.contains("journal") == true, "\(message ?? "no failure")")
    }

    @Test("a journal filled to ¾ is checkpointed by the next Ready; a record larger than it goes to LMDB")
    func fullJournalCheckpoints() throws {
        let fixture = try RaftLogFixture(journalCapacity: RaftJournal.minimumCapacity)
        defer { fixture.remove() }
        let log = fixture.log
        var checkpoints = 0
        for index: UInt64 in 1...40 {
            let offsetBefore = log.writer.withLock { $0.journalOffset }
            try log.persist(entries: [LogEntry.sample(index, term: 1, size: 300)])
            let offsetAfter = log.writer.withLock { $0.journalOffset }
            #expect(offsetAfter <= RaftJournal.minimumCapacity)
            if offsetAfter < offsetBefore {
                checkpoints += 1
                #expect(offsetBefore >= RaftJournal.minimumCapacity / 4 * 3)
                #expect(log.writer.withLock { $0.durableLastIndex } == index)
            }
        }
        #expect(checkpoints >= 3)
        try log.persist(entries: [LogEntry.sample(41, term: 1, size: 2 * RaftJournal.minimumCapacity)])
        #expect(log.writer.withLock { $0.durableLastIndex } == 41)
        let reopened = try fixture.restart()
        #expect(
            try reopened.entries(from: 1, to: 42, maxSize: .max)
                == (1...41).map { LogEntry.sample($0, term: 1, size: $0 == 41 ? 2 * RaftJournal.minimumCapacity : 300) }
        )
    }
}
