import Foundation
import Raft
import Synchronization
import Testing

@testable import KVStore

@Suite("RaftLog: readers on other threads")
struct RaftLogConcurrencyTests {
    @Test("readers racing appends, truncations and compactions only ever see .compacted or .unavailable")
    func readersDuringWrites() throws {
        let fixture = try RaftLogFixture(durable: false)
        defer { fixture.remove() }
        let store = fixture.log
        let writerFinished = Atomic(false)
        let reads = Atomic(0)
        let problems = Mutex<[String]>([])
        let readers = 2
        let started = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for reader in 0..<readers {
            done.enter()
            Thread.detachNewThread {
                defer { done.leave() }
                var random = SeededGenerator(seed: UInt64(reader))
                var signalled = false
                while !writerFinished.load(ordering: .acquiring) {
                    do throws(RaftError) {
                        let first = try store.firstIndex()
                        let last = try store.lastIndex()
                        let low = random.next() % 4 == 0 ? UInt64.random(in: first...(last + 1), using: &random) : first
                        let entries = try store.entries(from: low, to: last + 1, maxSize: .max)
                        if let entry = entries.first, entry.data != LogEntry.sample(entry.index, term: entry.term).data
                        {
                            problems.withLock { $0.append("entry \(entry.index) holds someone else's payload") }
                        }
                        if zip(entries, entries.dropFirst()).contains(where: { $1.index != $0.index + 1 }) {
                            problems.withLock { $0.append("entries from \(low) are not consecutive") }
                        }
                        _ = try store.term(at: UInt64.random(in: first.subtracting(1)...last, using: &random))
                    } catch .compacted, .unavailable {
                        // Expected: the log moved between the bounds and the read.
                    } catch {
                        problems.withLock { $0.append("\(error)") }
                    }
                    reads.add(1, ordering: .relaxed)
                    if !signalled {
                        signalled = true
                        started.signal()
                    }
                }
            }
        }
        for _ in 0..<readers { started.wait() }
        var random = SeededGenerator(seed: 99)
        var term: UInt64 = 1
        for round in 1...2_000 {
            let last = try store.lastIndex()
            if round % 7 == 0 && last > 3 {
                // A new leader replaces the last few entries.
                term += 1
                let start = last - UInt64.random(in: 0...2, using: &random)
                try store.persist(entries: LogEntry.samples(start...(start + 3), term: term))
            } else {
                try store.persist(
                    hardState: HardState(term: term, commit: last),
                    entries: LogEntry.samples((last + 1)...(last + 3), term: term))
            }
            if round % 3 == 0 {
                try store.createSnapshot(
                    at: last, confState: ConfState(voters: [1]), compactingThrough: last.subtracting(4))
            }
        }
        writerFinished.store(true, ordering: .releasing)
        done.wait()
        #expect(problems.withLock { $0 } == [])
        #expect(reads.load(ordering: .relaxed) > 0)
    }

    @Test("a read that finds the log ahead of the state it started from misses, and asking again answers")
    func staleStateIsRereadUnderTheWriterLock() throws {
        let fixture = try RaftLogFixture()
        defer { fixture.remove() }
        let store = fixture.log
        try store.persist(entries: LogEntry.samples(1...10, term: 1))
        try store.checkpoint()
        let before = store.published.withLock { $0 }
        try store.compact(through: 6)
        try store.persist(entries: LogEntry.samples(9...9, term: 2))
        // A reader that took the state just before those writes were published misses (no
        // false damage, no wrong answer); `consistentRead` then asks again under the writer lock.
        #expect(try store.entries(from: 3, to: 8, maxSize: .max, in: before) == nil)
        #expect(try store.term(at: 4, in: before) == nil)
        #expect(thrownKind { try store.entries(from: 3, to: 8, maxSize: .max) } == .compacted)
        #expect(thrownKind { try store.term(at: 4) } == .compacted)
        #expect(thrownKind { try store.entries(from: 8, to: 11, maxSize: .max) } == .unavailable)
        #expect(try store.term(at: 9) == 2)
    }

    @Test("an entry missing although no write is in flight is damage, not a race")
    func missingEntryIsDamage() throws {
        let fixture = try RaftLogFixture()
        defer { fixture.remove() }
        let store = fixture.log
        try store.persist(entries: LogEntry.samples(1...5, term: 1))
        try store.checkpoint()
        _ = try store.environment.write { try $0.delete(BigEndianKey.encode(3), in: store.tables.log) }
        #expect(storageFailureMessage { try store.entries(from: 1, to: 6, maxSize: .max) }?.contains("not all") == true)
        #expect(storageFailureMessage { try store.term(at: 3) }?.contains("entry 3 is missing") == true)
        #expect(try store.entries(from: 4, to: 6, maxSize: .max) == LogEntry.samples(4...5, term: 1))
    }
}
