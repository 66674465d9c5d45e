import Raft
import Testing

@testable import KVStore

/// The same random operations applied to `MemoryStorage` (through `ReferenceLog`) and to
/// `RaftLogStore`: every `Storage` answer, thrown error kinds included, must agree after every
/// step — and after the store was closed and opened again from its folder, or restarted from
/// its files as a crash leaves them (the journal replayed). The journal is as small as allowed,
/// so that runs checkpoint it often and wrap around it.
@Suite("RaftLog: differential against MemoryStorage")
struct RaftLogDifferentialTests {
    static let seedBatches = 0..<8
    static let seedsPerBatch: UInt64 = 25
    static let steps = 120

    @Test("random operations answer as MemoryStorage does, before and after reopening", arguments: seedBatches)
    func randomOperations(batch: Int) throws {
        var tally: [String: Int] = [:]
        for offset in 0..<Self.seedsPerBatch {
            try run(seed: UInt64(batch) * Self.seedsPerBatch + offset, steps: Self.steps, durable: false, tally: &tally)
        }
        // The generator must reach every interesting case, not mostly errors.
        for outcome in Self.requiredOutcomes {
            #expect(
                tally[outcome, default: 0] >= 3, "\(outcome) happened \(tally[outcome, default: 0]) times: \(tally)")
        }
    }

    static let requiredOutcomes = [
        "persist: ok", "persist: storageFailure", "persist snapshot: ok", "persist snapshot: snapshotOutOfDate",
        "persist snapshot keeping entries: ok", "createSnapshot: ok", "createSnapshot: compacted",
        "createSnapshot: unavailable", "compact: ok", "compact: compacted", "compact: unavailable", "reopen: ok",
        "restart: ok", "restart replaying the journal: ok",
        "bootstrap: ok", "bootstrap: storageFailure",
    ]

    @Test("a few seeds with durable commits (fdatasync on every commit)", arguments: [1_000 as UInt64, 1_001])
    func durableCommits(seed: UInt64) throws {
        var tally: [String: Int] = [:]
        try run(seed: seed, steps: 60, durable: true, tally: &tally)
    }

    private func run(seed: UInt64, steps: Int, durable: Bool, tally: inout [String: Int]) throws {
        let fixture = try RaftLogFixture(
            durable: durable, journalCapacity: RaftJournal.minimumCapacity, "differential\(seed)")
        defer { fixture.remove() }
        let reference = ReferenceLog()
        var generator = RaftLogOperationGenerator(seed: seed)
        var probe = SeededGenerator(seed: seed ^ 0x5EED)
        var history: [String] = []
        for step in 0...steps {
            let operation: RaftLogOperation = step == steps ? .reopen : generator.next(after: reference)
            history.append("\(step): \(operation)")
            var name = Self.name(of: operation, reference)
            if case .restart = operation, fixture.log.writer.withLock({ $0.journalOffset > 0 }) {
                name = "restart replaying the journal"
            }
            let expected = operation.apply(to: reference)
            tally["\(name): \(expected.map { "\($0)" } ?? "ok")", default: 0] += 1
            let actual = operation.apply(to: fixture)
            guard actual == expected else {
                Issue.record(
                    "seed \(seed) step \(step): store \(describe(actual)), reference \(describe(expected))\n\(trail(history))"
                )
                return
            }
            if let problem = compare(fixture.log, reference, using: &probe) {
                Issue.record("seed \(seed) step \(step): \(problem)\n\(trail(history))")
                return
            }
        }
    }

    /// The first answer that differs, or `nil`.
    private func compare(
        _ store: RaftLogStore, _ reference: ReferenceLog, using random: inout SeededGenerator
    )
        -> String?
    {
        let memory = reference.memory
        func check<T: Equatable>(_ what: String, _ mine: Answer<T>, _ theirs: Answer<T>) -> String? {
            mine == theirs ? nil : "\(what): store answered \(mine), MemoryStorage \(theirs)"
        }
        if store.isEmpty != reference.isEmpty {
            return "isEmpty: store \(store.isEmpty), reference \(reference.isEmpty)"
        }
        if let problem = check(
            "initialState", Answer { try store.initialState() }, Answer { try memory.initialState() })
        {
            return problem
        }
        if let problem = check("snapshot", Answer { try store.snapshot() }, Answer { try memory.snapshot() }) {
            return problem
        }
        if let problem = check("firstIndex", Answer { try store.firstIndex() }, Answer { try memory.firstIndex() }) {
            return problem
        }
        if let problem = check("lastIndex", Answer { try store.lastIndex() }, Answer { try memory.lastIndex() }) {
            return problem
        }
        let first = try! memory.firstIndex()
        let last = try! memory.lastIndex()
        for index in Set([0] + Array(first.subtracting(3)...(last + 3))).sorted() {
            let problem = check(
                "term(at: \(index))", Answer { try store.term(at: index) }, Answer { try memory.term(at: index) })
            if let problem { return problem }
        }
        var ranges: [(UInt64, UInt64, UInt64)] = [(first, last + 1, .max), (first, last + 1, 0)]
        for _ in 0..<12 {
            let low = UInt64.random(in: first.subtracting(2)...(last + 2), using: &random)
            let high = UInt64.random(in: low.subtracting(1)...(last + 3), using: &random)
            let maxSize = [0, 1, 20, 60, 150, 400, UInt64.max].randomElement(using: &random)!
            ranges.append((low, high, maxSize))
        }
        for (low, high, maxSize) in ranges {
            let problem = check(
                "entries(from: \(low), to: \(high), maxSize: \(maxSize))",
                Answer { try store.entries(from: low, to: high, maxSize: maxSize) },
                Answer { try memory.entries(from: low, to: high, maxSize: maxSize) })
            if let problem { return problem }
        }
        return nil
    }

    /// The kind of operation, telling apart snapshots whose last included entry the log holds
    /// with entries after it (those entries are kept).
    private static func name(of operation: RaftLogOperation, _ reference: ReferenceLog) -> String {
        switch operation {
        case .persist(_, _, let snapshot?):
            let memory = reference.memory
            let keeps =
                (try? memory.term(at: snapshot.index)) == snapshot.term && (try! memory.lastIndex()) > snapshot.index
            return keeps ? "persist snapshot keeping entries" : "persist snapshot"
        case .persist: return "persist"
        case .createSnapshot: return "createSnapshot"
        case .compact: return "compact"
        case .bootstrap: return "bootstrap"
        case .reopen: return "reopen"
        case .restart: return "restart"
        }
    }

    private func describe(_ error: ErrorKind?) -> String {
        error.map { "threw \($0)" } ?? "succeeded"
    }

    private func trail(_ history: [String]) -> String {
        "last operations:\n" + history.suffix(12).joined(separator: "\n")
    }
}
