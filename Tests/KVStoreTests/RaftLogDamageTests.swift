import Foundation
import Raft
import Testing

@testable import KVStore

/// Damage written with plain KVStore calls into a closed store, then the store reopened: every
/// case is a `.storageFailure` naming the record and the folder, never a crash or wrong data.
@Suite("RaftLog: damaged records")
struct RaftLogDamageTests {
    /// A store holding entries 1...5 of term 1 and a hard state, closed.
    private func damagedStore(
        _ purpose: String = #function, _ damage: (Environment, Database, Database) throws -> Void
    )
        throws -> RaftLogFixture
    {
        let fixture = try RaftLogFixture(purpose)
        try fixture.log.persist(
            hardState: HardState(term: 1, vote: 1, commit: 2), entries: LogEntry.samples(1...5, term: 1))
        try fixture.withRawEnvironment { environment in
            let log = try environment.database(RaftLogTables.logName)
            let stable = try environment.database(RaftLogTables.stableName)
            try damage(environment, log, stable)
        }
        return fixture
    }

    private func openFailure(_ fixture: RaftLogFixture) -> String? {
        storageFailureMessage { try fixture.reopen() }
    }

    @Test("garbage in a middle entry: open succeeds, reading that entry fails naming it, others still read")
    func garbageMiddleEntry() throws {
        let fixture = try damagedStore { environment, log, _ in
            try environment.write { try $0.put([0xDE, 0xAD], forKey: BigEndianKey.encode(3), in: log) }
        }
        defer { fixture.remove() }
        try fixture.reopen()
        let termFailure = storageFailureMessage { try fixture.log.term(at: 3) }
        #expect(termFailure?.contains("'log/3'") == true)
        #expect(termFailure?.contains(fixture.path) == true)
        #expect(
            storageFailureMessage { try fixture.log.entries(from: 1, to: 6, maxSize: .max) }?.contains("'log/3'")
                == true)
        #expect(try fixture.log.entries(from: 1, to: 3, maxSize: .max) == LogEntry.samples(1...2, term: 1))
        #expect(try fixture.log.entries(from: 4, to: 6, maxSize: .max) == LogEntry.samples(4...5, term: 1))
        // A write that needs the damaged term fails the same way and changes nothing.
        #expect(storageFailureMessage { try fixture.log.compact(through: 3) }?.contains("'log/3'") == true)
        #expect(try fixture.log.firstIndex() == 1)
    }

    @Test("one flipped bit in an entry's payload is caught by its checksum")
    func flippedBit() throws {
        let fixture = try damagedStore { environment, log, _ in
            try environment.write { transaction in
                var bytes = try #require(try transaction.get(BigEndianKey.encode(2), in: log))
                bytes[bytes.count - 5] ^= 0x04
                try transaction.put(bytes, forKey: BigEndianKey.encode(2), in: log)
            }
        }
        defer { fixture.remove() }
        try fixture.reopen()
        let message = storageFailureMessage { try fixture.log.entries(from: 2, to: 3, maxSize: .max) }
        #expect(message?.contains("'log/2'") == true)
        #expect(message?.contains("checksum mismatch") == true)
    }

    @Test("garbage in the first or last entry is refused at open")
    func garbageEndEntries() throws {
        for index: UInt64 in [1, 5] {
            let fixture = try damagedStore("garbageEnd\(index)") { environment, log, _ in
                try environment.write { try $0.put([1, 2, 3, 4, 5, 6], forKey: BigEndianKey.encode(index), in: log) }
            }
            defer { fixture.remove() }
            #expect(openFailure(fixture)?.contains("'log/\(index)'") == true)
        }
    }

    @Test("damaged, truncated or newer-format records of stable are refused at open, naming the key")
    func damagedStableRecords() throws {
        let cases: [(String, [UInt8], String)] = [
            ("hardState", [0x01, 0x02, 0x03], "shorter than"),
            ("hardState", RecordEnvelope.seal(version: 1, body: RecordWriter()), "cut short"),
            ("snapshot", RecordEnvelope.seal(version: 2, body: RecordWriter()), "format version 2"),
            ("compactedThrough", Array(repeating: 0xFF, count: 21), "checksum mismatch"),
            ("format", RaftLogCodec.encode(HardState()), "not the marker"),
        ]
        for (number, (key, bytes, reason)) in cases.enumerated() {
            let fixture = try damagedStore("stable\(number)") { environment, _, stable in
                try environment.write { try $0.put(bytes, forKey: Array(key.utf8), in: stable) }
            }
            defer { fixture.remove() }
            let message = openFailure(fixture)
            #expect(message?.contains("'stable/\(key)'") == true, "\(key): \(message ?? "opened")")
            #expect(message?.contains(reason) == true, "\(key): \(message ?? "opened")")
        }
    }

    @Test("a conf state whose id count exceeds the record is refused without allocating it")
    func hugeIDCount() throws {
        var body = RecordWriter()
        body.append(UInt64(7))
        body.append(UInt64(1))
        body.append(UInt32.max)
        let fixture = try damagedStore { environment, _, stable in
            try environment.write {
                try $0.put(RecordEnvelope.seal(version: 1, body: body), forKey: Array("snapshot".utf8), in: stable)
            }
        }
        defer { fixture.remove() }
        #expect(openFailure(fixture)?.contains("voters count") == true)
    }

    @Test("a log with a hole, or not beginning after its compaction point, or with a foreign key, is refused")
    func structuralDamage() throws {
        let damages: [(String, (WriteTransaction, Database) throws -> Void)] = [
            ("missing", { try $0.delete(BigEndianKey.encode(3), in: $1) }),
            ("begins at entry 2", { try $0.delete(BigEndianKey.encode(1), in: $1) }),
            ("not an entry index", { try $0.put([1], forKey: [0, 0, 0], in: $1) }),
            (
                "missing",
                { try $0.put(RaftLogCodec.encode(LogEntry.sample(9, term: 1)), forKey: BigEndianKey.encode(9), in: $1) }
            ),
        ]
        for (number, (reason, damage)) in damages.enumerated() {
            let fixture = try damagedStore("structure\(number)") { environment, log, _ in
                try environment.write { try damage($0, log) }
            }
            defer { fixture.remove() }
            let message = openFailure(fixture)
            #expect(message?.contains(reason) == true, "\(reason): \(message ?? "opened")")
        }
    }

    @Test("a folder of other LMDB data, or a garbage data file, is not taken for a Raft log")
    func foreignFolders() throws {
        let fixture = try RaftLogFixture()
        defer { fixture.remove() }
        let other = fixture.folder.child("other")
        do {
            let environment = try Environment.open(at: other)
            let stable = try environment.database(RaftLogTables.stableName)
            try environment.write { try $0.put([1], forKey: Array("something".utf8), in: stable) }
        }
        let foreign = storageFailureMessage { try RaftLogStore.open(at: other) }
        #expect(foreign?.contains("not an ECS Raft log") == true)

        let garbage = fixture.folder.child("garbage")
        try FileManager.default.createDirectory(atPath: garbage, withIntermediateDirectories: true)
        try Data(repeating: 0xAB, count: 64 << 10).write(to: URL(fileURLWithPath: garbage + "/data.mdb"))
        let message = storageFailureMessage { try RaftLogStore.open(at: garbage) }
        #expect(message?.contains(garbage) == true)
    }
}
