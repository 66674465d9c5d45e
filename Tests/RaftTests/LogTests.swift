import Testing

@testable import Raft

@Suite struct LogTests {
    private func entries(_ terms: [UInt64], from first: UInt64) -> [Entry] {
        terms.enumerated().map { Entry(index: first + UInt64($0.offset), term: $0.element) }
    }

    @Test("unstable log truncates a conflicting suffix and keeps the rest")
    func unstableTruncateAndAppend() {
        var unstable = UnstableLog(offset: 5)
        unstable.truncateAndAppend(entries([1, 1, 1], from: 5))
        unstable.markInProgress()
        unstable.truncateAndAppend(entries([2, 2], from: 6))
        #expect(unstable.term(at: 5) == 1)
        #expect(unstable.term(at: 6) == 2)
        #expect(unstable.lastIndexIfKnown == 7)
        // The overwritten entries must be handed out again.
        #expect(unstable.entriesToPersist.map(\.index) == [6, 7])
        unstable.truncateAndAppend(entries([3], from: 4))
        #expect(unstable.offset == 4)
        #expect(unstable.lastIndexIfKnown == 4)
    }

    @Test("entries become stable only if not overwritten meanwhile")
    func unstableMarkStable() {
        var unstable = UnstableLog(offset: 1)
        unstable.truncateAndAppend(entries([1, 1], from: 1))
        unstable.markInProgress()
        unstable.markStable(through: EntryID(term: 2, index: 2))  // stale: term differs
        #expect(unstable.offset == 1)
        unstable.markStable(through: EntryID(term: 1, index: 2))
        #expect(unstable.offset == 3)
        #expect(unstable.entries.isEmpty)
    }

    @Test("raft log reads across storage and unstable entries, limited by size")
    func logSlices() throws {
        let storage = MemoryStorage()
        try storage.append(entries([1, 1, 1], from: 1))
        var log = RaftLog(storage: storage, maxApplyBatchSize: .max)
        log.append(entries([2, 2], from: 4))
        #expect(log.lastIndex == 5)
        #expect(try log.entries(from: 2, maxSize: .max).map(\.index) == [2, 3, 4, 5])
        #expect(try log.entries(from: 2, maxSize: 0).map(\.index) == [2])
        #expect(try log.term(at: 4) == 2)
        #expect(throws: RaftError.unavailable) { try log.term(at: 6) }
    }

    @Test("maybeAppend refuses a mismatching previous entry and truncates conflicts")
    func maybeAppend() throws {
        let storage = MemoryStorage()
        try storage.append(entries([1, 1, 2], from: 1))
        var log = RaftLog(storage: storage, maxApplyBatchSize: .max)
        #expect(log.maybeAppend(after: EntryID(term: 2, index: 2), entries: [], leaderCommit: 0) == nil)
        let last = log.maybeAppend(
            after: EntryID(term: 1, index: 2), entries: entries([3, 3], from: 3), leaderCommit: 3)
        #expect(last == 4)
        #expect(try log.term(at: 3) == 3)
        #expect(log.commitIndex == 3)
    }

    @Test("the conflict hint skips whole terms")
    func conflictHint() throws {
        let storage = MemoryStorage()
        try storage.append(entries([1, 1, 2, 2, 4, 4, 4], from: 1))
        let log = RaftLog(storage: storage, maxApplyBatchSize: .max)
        #expect(log.lastIndex(atOrBelow: 7, withTermAtMost: 3) == EntryID(term: 2, index: 4))
        #expect(log.lastIndex(atOrBelow: 7, withTermAtMost: 4) == EntryID(term: 4, index: 7))
        #expect(log.lastIndex(atOrBelow: 7, withTermAtMost: 0) == EntryID(term: 0, index: 0))
    }

    @Test("committed entries are handed out in bounded batches")
    func applyBatches() throws {
        let storage = MemoryStorage()
        try storage.append((1...4).map { Entry(index: $0, term: 1, data: [UInt8](repeating: 0, count: 100)) })
        var log = RaftLog(storage: storage, maxApplyBatchSize: 250)
        log.commit(through: 4)
        #expect(log.entriesToApply.map(\.index) == [1, 2])
        log.markApplying(through: 2)
        #expect(log.entriesToApply.map(\.index) == [3, 4])
    }
}
