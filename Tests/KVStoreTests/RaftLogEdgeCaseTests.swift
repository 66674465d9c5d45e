import Raft
import Testing

@testable import KVStore

@Suite("RaftLog: edge cases")
struct RaftLogEdgeCaseTests {
    @Test("an empty store answers as an empty MemoryStorage, also after reopening")
    func emptyStore() throws {
        let fixture = try RaftLogFixture()
        defer { fixture.remove() }
        let memory = MemoryStorage()
        for store in [fixture.log, try fixture.reopen()] {
            #expect(store.isEmpty)
            #expect(try store.firstIndex() == 1)
            #expect(try store.lastIndex() == 0)
            #expect(try store.term(at: 0) == 0)
            #expect(Answer { try store.term(at: 1) } == .failure(.unavailable))
            #expect(try store.entries(from: 1, to: 1, maxSize: .max) == [])
            #expect(Answer { try store.entries(from: 0, to: 1, maxSize: .max) } == .failure(.compacted))
            #expect(Answer { try store.entries(from: 1, to: 2, maxSize: .max) } == .failure(.unavailable))
            #expect(try store.snapshot() == memory.snapshot())
            #expect(try store.initialState() == memory.initialState())
        }
    }

    @Test("bootstrap writes Bootstrap's entries and hard state, durably, once")
    func bootstrap() throws {
        let fixture = try RaftLogFixture()
        defer { fixture.remove() }
        let initial = try Bootstrap(voters: [1, 2, 3], learners: [4])
        try fixture.log.bootstrap(initial)
        for store in [fixture.log, try fixture.reopen()] {
            #expect(!store.isEmpty)
            #expect(try store.entries(from: 1, to: 5, maxSize: .max) == initial.entries)
            #expect(try store.initialState().hardState == initial.hardState)
            #expect(try store.firstIndex() == 1)
            #expect(try store.lastIndex() == 4)
        }
        let again = storageFailureMessage { try fixture.log.bootstrap(voters: [1]) }
        #expect(again?.contains("already holds state") == true)
        #expect(try fixture.log.entries(from: 1, to: 5, maxSize: .max) == initial.entries)
    }

    @Test("bootstrap is refused on a store that holds only a hard state, and for a bad membership")
    func bootstrapRefused() throws {
        let fixture = try RaftLogFixture()
        defer { fixture.remove() }
        #expect(
            thrownKind { try fixture.log.bootstrap(voters: []) } == .other(.invalidConfChange(.removedAllVoters)))
        #expect(fixture.log.isEmpty)
        try fixture.log.persist(hardState: HardState(term: 2))
        #expect(!fixture.log.isEmpty)
        #expect(storageFailureMessage { try fixture.log.bootstrap(voters: [1]) } != nil)
        #expect(try fixture.log.lastIndex() == 0)
    }

    @Test("compacting through the last entry empties the log but keeps its term; appending resumes after it")
    func compactToLastIndex() throws {
        let fixture = try RaftLogFixture()
        defer { fixture.remove() }
        try fixture.log.persist(entries: LogEntry.samples(1...5, term: 2))
        try fixture.log.compact(through: 5)
        for store in [fixture.log, try fixture.reopen()] {
            #expect(try store.firstIndex() == 6)
            #expect(try store.lastIndex() == 5)
            #expect(try store.term(at: 5) == 2)
            #expect(Answer { try store.term(at: 4) } == .failure(.compacted))
            #expect(try store.entries(from: 6, to: 6, maxSize: .max) == [])
            // Nothing was snapshotted: compaction alone does not move the snapshot.
            #expect(try store.snapshot() == Snapshot())
        }
        try fixture.log.persist(entries: LogEntry.samples(6...7, term: 3))
        try fixture.reopen()
        #expect(try fixture.log.entries(from: 6, to: 8, maxSize: .max) == LogEntry.samples(6...7, term: 3))
        #expect(thrownKind { try fixture.log.compact(through: 5) } == .compacted)
        #expect(thrownKind { try fixture.log.compact(through: 8) } == .unavailable)
    }

    @Test("a snapshot beyond the log replaces it, raises the commit index and keeps its own term")
    func snapshotBeyondLog() throws {
        let fixture = try RaftLogFixture()
        defer { fixture.remove() }
        try fixture.log.persist(
            hardState: HardState(term: 2, vote: 1, commit: 3), entries: LogEntry.samples(1...5, term: 2))
        let metadata = SnapshotMetadata(index: 20, term: 4, confState: ConfState(voters: [1, 2, 3]))
        try fixture.log.persist(snapshot: metadata)
        for store in [fixture.log, try fixture.reopen()] {
            #expect(try store.firstIndex() == 21)
            #expect(try store.lastIndex() == 20)
            #expect(try store.term(at: 20) == 4)
            #expect(try store.snapshot() == Snapshot(metadata: metadata))
            #expect(
                try store.initialState()
                    == InitialState(
                        hardState: HardState(term: 2, vote: 1, commit: 20), confState: metadata.confState))
        }
        try fixture.log.persist(entries: LogEntry.samples(21...22, term: 4))
        #expect(try fixture.log.entries(from: 21, to: 23, maxSize: .max) == LogEntry.samples(21...22, term: 4))
    }

    @Test("a snapshot whose last included entry the log holds keeps the entries after it (§7)")
    func matchingSnapshotKeepsSuffix() throws {
        let fixture = try RaftLogFixture()
        defer { fixture.remove() }
        try fixture.log.persist(entries: LogEntry.samples(1...3, term: 1) + LogEntry.samples(4...8, term: 2))
        try fixture.log.persist(snapshot: SnapshotMetadata(index: 5, term: 2))
        try fixture.reopen()
        #expect(try fixture.log.firstIndex() == 6)
        #expect(try fixture.log.lastIndex() == 8)
        #expect(try fixture.log.entries(from: 6, to: 9, maxSize: .max) == LogEntry.samples(6...8, term: 2))
        #expect(try fixture.log.term(at: 5) == 2)
    }

    @Test("a snapshot that conflicts with the log discards all of it")
    func conflictingSnapshotDiscardsLog() throws {
        let fixture = try RaftLogFixture()
        defer { fixture.remove() }
        try fixture.log.persist(entries: LogEntry.samples(1...8, term: 2))
        try fixture.log.persist(snapshot: SnapshotMetadata(index: 5, term: 3))
        try fixture.reopen()
        #expect(try fixture.log.firstIndex() == 6)
        #expect(try fixture.log.lastIndex() == 5)
        #expect(try fixture.log.term(at: 5) == 3)
    }

    @Test("an out-of-date snapshot is refused and nothing of the same persist is written")
    func outOfDateSnapshot() throws {
        let fixture = try RaftLogFixture()
        defer { fixture.remove() }
        try fixture.log.persist(snapshot: SnapshotMetadata(index: 10, term: 2))
        let refused = thrownKind {
            try fixture.log.persist(
                hardState: HardState(term: 9), entries: LogEntry.samples(11...12, term: 9),
                snapshot: SnapshotMetadata(index: 10, term: 2))
        }
        #expect(refused == .snapshotOutOfDate)
        try fixture.reopen()
        #expect(try fixture.log.lastIndex() == 10)
        #expect(try fixture.log.initialState().hardState == HardState(commit: 10))
    }

    @Test("entries that would leave a gap are refused with a clear error, and nothing is written")
    func gapRefused() throws {
        let fixture = try RaftLogFixture()
        defer { fixture.remove() }
        try fixture.log.persist(entries: LogEntry.samples(1...3, term: 1))
        let message = storageFailureMessage {
            try fixture.log.persist(hardState: HardState(term: 5), entries: LogEntry.samples(5...6, term: 5))
        }
        #expect(message?.contains("gap") == true)
        #expect(message?.contains("ends at 3") == true)
        try fixture.reopen()
        #expect(try fixture.log.lastIndex() == 3)
        #expect(try fixture.log.initialState().hardState == HardState())
    }

    @Test("entries whose indexes do not follow each other are refused")
    func nonConsecutiveRefused() throws {
        let fixture = try RaftLogFixture()
        defer { fixture.remove() }
        let entries = [LogEntry.sample(1, term: 1), LogEntry.sample(3, term: 1)]
        #expect(storageFailureMessage { try fixture.log.persist(entries: entries) }?.contains("consecutive") == true)
        #expect(try fixture.log.lastIndex() == 0)
    }

    @Test("a conflicting suffix is replaced, shorter or longer than the old one")
    func conflictingSuffix() throws {
        let fixture = try RaftLogFixture()
        defer { fixture.remove() }
        try fixture.log.persist(entries: LogEntry.samples(1...10, term: 1))
        try fixture.log.persist(entries: LogEntry.samples(4...5, term: 2))
        #expect(try fixture.log.lastIndex() == 5)
        try fixture.log.persist(entries: LogEntry.samples(5...12, term: 3))
        try fixture.reopen()
        let expected =
            LogEntry.samples(1...3, term: 1) + [LogEntry.sample(4, term: 2)] + LogEntry.samples(5...12, term: 3)
        #expect(try fixture.log.entries(from: 1, to: 13, maxSize: .max) == expected)
        #expect(try fixture.log.term(at: 12) == 3)
    }

    @Test("compacting below the snapshot keeps entries for slow followers; snapshot() still returns it")
    func compactBelowSnapshot() throws {
        let fixture = try RaftLogFixture()
        defer { fixture.remove() }
        try fixture.log.persist(entries: LogEntry.samples(1...10, term: 2) + LogEntry.samples(11...12, term: 3))
        let confState = ConfState(
            voters: [1, 2], learners: [5], votersOutgoing: [1, 3], learnersNext: [3], autoLeave: true)
        let metadata = try fixture.log.createSnapshot(at: 11, confState: confState, compactingThrough: 7)
        #expect(metadata == SnapshotMetadata(index: 11, term: 3, confState: confState))
        for store in [fixture.log, try fixture.reopen()] {
            #expect(try store.firstIndex() == 8)
            #expect(try store.lastIndex() == 12)
            #expect(try store.term(at: 7) == 2)
            #expect(try store.snapshot() == Snapshot(metadata: metadata))
            #expect(try store.initialState().confState == confState)
        }
        #expect(Answer { try fixture.log.createSnapshot(at: 11, confState: confState) } == .failure(.snapshotOutOfDate))
        #expect(
            storageFailureMessage {
                try fixture.log.createSnapshot(at: 12, confState: confState, compactingThrough: 13)
            } != nil)
        // Compaction already further than asked is no error within createSnapshot.
        try fixture.log.createSnapshot(at: 12, confState: confState, compactingThrough: 3)
        #expect(try fixture.log.firstIndex() == 8)
        #expect(Answer { try fixture.log.createSnapshot(at: 13, confState: confState) } == .failure(.unavailable))
    }

    @Test("entries are limited by size but never fewer than one")
    func sizeLimit() throws {
        let fixture = try RaftLogFixture()
        defer { fixture.remove() }
        let entries = (1...6).map { LogEntry.sample($0, term: 1, size: 100) }
        try fixture.log.persist(entries: entries)
        #expect(try fixture.log.entries(from: 1, to: 7, maxSize: 0) == [entries[0]])
        #expect(try fixture.log.entries(from: 2, to: 7, maxSize: 117) == [entries[1]])
        #expect(try fixture.log.entries(from: 2, to: 7, maxSize: 234) == Array(entries[1...2]))
        #expect(try fixture.log.entries(from: 2, to: 7, maxSize: 233) == [entries[1]])
        #expect(try fixture.log.entries(from: 1, to: 7, maxSize: .max) == entries)
    }

    @Test("an appending Ready costs one journal record and no LMDB commit, a snapshot one commit, nothing none")
    func oneWritePerReady() throws {
        let fixture = try RaftLogFixture()
        defer { fixture.remove() }
        let environment = fixture.log.environment
        /// LMDB commits and journal records that `body` made.
        func commits(_ body: () throws -> Void) rethrows -> [Int] {
            let before = environment.info().lastTransactionID
            let seqBefore = fixture.log.writer.withLock { $0.nextSeq }
            try body()
            let records = Int(fixture.log.writer.withLock { $0.nextSeq } - seqBefore)
            return [environment.info().lastTransactionID - before, records]
        }
        #expect(try commits { try fixture.log.persist(entries: [LogEntry.sample(1, term: 1)]) } == [0, 1])
        let ready = {
            try fixture.log.persist(
                hardState: HardState(term: 2, vote: 1, commit: 1), entries: [LogEntry.sample(2, term: 2)])
        }
        #expect(try commits(ready) == [0, 1])
        #expect(try commits { try fixture.log.persist(hardState: HardState(term: 2, vote: 1, commit: 1)) } == [0, 0])
        #expect(try commits { try fixture.log.persist() } == [0, 0])
        let withSnapshot = {
            try fixture.log.persist(
                hardState: HardState(term: 3, commit: 9), entries: LogEntry.samples(10...12, term: 3),
                snapshot: SnapshotMetadata(index: 9, term: 3))
        }
        #expect(try commits(withSnapshot) == [1, 0])
        #expect(
            try commits { try fixture.log.createSnapshot(at: 11, confState: ConfState(), compactingThrough: 10) }
                == [1, 0])
    }

    @Test("compacting and truncating thousands of entries")
    func largeRanges() throws {
        let fixture = try RaftLogFixture(durable: false)
        defer { fixture.remove() }
        try fixture.log.persist(entries: (1...5_000).map { LogEntry.sample($0, term: 1, size: 64) })
        try fixture.log.compact(through: 2_000)
        try fixture.log.persist(entries: [LogEntry.sample(2_501, term: 2)])
        try fixture.reopen()
        #expect(try fixture.log.firstIndex() == 2_001)
        #expect(try fixture.log.lastIndex() == 2_501)
        #expect(try fixture.log.entries(from: 2_001, to: 2_502, maxSize: .max).count == 501)
        try fixture.log.compact(through: 2_501)
        #expect(try fixture.log.environment.read { try $0.count(in: fixture.log.tables.log) } == 0)
    }
}
