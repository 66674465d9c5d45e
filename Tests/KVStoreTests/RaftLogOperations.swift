import Raft

@testable import KVStore

/// One step of a differential run, applied alike to `RaftLogStore` and `ReferenceLog`.
enum RaftLogOperation: CustomStringConvertible {
    case persist(hardState: HardState?, entries: [LogEntry], snapshot: SnapshotMetadata?)
    case createSnapshot(index: UInt64, confState: ConfState, compactingThrough: UInt64?)
    case compact(through: UInt64)
    case bootstrap(voters: Set<NodeID>, learners: Set<NodeID>)
    /// Close the store and open it again from its folder.
    case reopen
    /// Open the folder's files as a crash leaves them, without the closing checkpoint.
    case restart

    var description: String {
        switch self {
        case .persist(let hardState, let entries, let snapshot):
            let hard = hardState.map { "hard(t\($0.term) v\($0.vote.map(String.init) ?? "-") c\($0.commit))" }
            let range = entries.first.map { "entries \($0.index)...\(entries.last!.index)@\(entries.map(\.term))" }
            let snap = snapshot.map { "snapshot \($0.index)@\($0.term)" }
            return "persist(" + [snap, range, hard].compactMap { $0 }.joined(separator: ", ") + ")"
        case .createSnapshot(let index, _, let compaction):
            return "createSnapshot(at: \(index), compactingThrough: \(compaction.map(String.init) ?? "nil"))"
        case .compact(let index):
            return "compact(through: \(index))"
        case .bootstrap(let voters, let learners):
            return "bootstrap(voters: \(voters.sorted()), learners: \(learners.sorted()))"
        case .reopen:
            return "reopen"
        case .restart:
            return "restart"
        }
    }

    /// What the store answered, as an error kind (`nil` when it succeeded).
    func apply(to fixture: RaftLogFixture) -> ErrorKind? {
        do throws(RaftError) {
            switch self {
            case .persist(let hardState, let entries, let snapshot):
                try fixture.log.persist(hardState: hardState, entries: entries, snapshot: snapshot)
            case .createSnapshot(let index, let confState, let compaction):
                let metadata = try fixture.log.createSnapshot(
                    at: index, confState: confState, compactingThrough: compaction)
                let recorded = try fixture.log.snapshot().metadata
                precondition(metadata == recorded, "createSnapshot returned \(metadata), recorded \(recorded)")
            case .compact(let index):
                try fixture.log.compact(through: index)
            case .bootstrap(let voters, let learners):
                try fixture.log.bootstrap(voters: voters, learners: learners)
            case .reopen:
                try fixture.reopen()
            case .restart:
                try fixture.restart()
            }
            return nil
        } catch {
            return ErrorKind(error)
        }
    }

    func apply(to reference: ReferenceLog) -> ErrorKind? {
        do throws(RaftError) {
            switch self {
            case .persist(let hardState, let entries, let snapshot):
                try reference.persist(hardState: hardState, entries: entries, snapshot: snapshot)
            case .createSnapshot(let index, let confState, let compaction):
                _ = try reference.createSnapshot(at: index, confState: confState, compactingThrough: compaction)
            case .compact(let index):
                try reference.compact(through: index)
            case .bootstrap(let voters, let learners):
                try reference.bootstrap(voters: voters, learners: learners)
            case .reopen, .restart:
                break
            }
            return nil
        } catch {
            return ErrorKind(error)
        }
    }
}

/// Draws random operations around the reference's current log: conflicting suffixes,
/// compactions behind and at the end of the log, snapshots that match, conflict, lie beyond
/// the log or are out of date, gaps, bootstraps, hard states, reopens and restarts.
struct RaftLogOperationGenerator {
    private var random: SeededGenerator
    private var term: UInt64 = 1

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    mutating func next(after reference: ReferenceLog) -> RaftLogOperation {
        let first = try! reference.memory.firstIndex()
        let last = try! reference.memory.lastIndex()
        let snapshotIndex = try! reference.memory.snapshot().metadata.index
        if chance(30) { term += UInt64.random(in: 1...2, using: &random) }
        // A new store is often a founding member's.
        let choice = reference.isEmpty && chance(30) ? 84 : Int.random(in: 0..<100, using: &random)
        switch choice {
        case 0..<40:
            let start = UInt64.random(in: max(1, first.subtracting(2))...(last + 1), using: &random)
            return .persist(hardState: maybeHardState(last: last), entries: entries(from: start), snapshot: nil)
        case 40..<48:
            let snapshot = leaderSnapshot(first: first, last: last, snapshotIndex: snapshotIndex, reference)
            let following = chance(50) ? entries(from: snapshot.index + 1) : []
            return .persist(hardState: maybeHardState(last: last), entries: following, snapshot: snapshot)
        case 48..<55:
            return .persist(hardState: hardState(last: last), entries: [], snapshot: nil)
        case 55..<67:
            let index = UInt64.random(in: first.subtracting(2)...(last + 2), using: &random)
            let compaction: UInt64? =
                switch Int.random(in: 0..<20, using: &random) {
                case 0..<10: nil
                case 10: index + 1
                default: UInt64.random(in: first.subtracting(2)...index, using: &random)
                }
            return .createSnapshot(index: index, confState: confState(), compactingThrough: compaction)
        case 67..<79:
            return .compact(through: UInt64.random(in: first.subtracting(2)...(last + 2), using: &random))
        case 79..<84:
            return chance(50) ? .reopen : .restart
        case 84..<87:
            var voters = Set((1...5).filter { _ in chance(40) }.map(NodeID.init))
            if voters.isEmpty && chance(80) { voters = [1] }
            let learners = Set((1...7).filter { _ in chance(15) }.map(NodeID.init)).subtracting(voters)
            return .bootstrap(voters: voters, learners: learners)
        case 87..<92:
            let start = last + UInt64.random(in: 2...4, using: &random)
            return .persist(hardState: maybeHardState(last: last), entries: entries(from: start), snapshot: nil)
        case 92..<96:
            let stale = SnapshotMetadata(
                index: UInt64.random(in: 0...snapshotIndex, using: &random), term: term, confState: confState())
            return .persist(hardState: maybeHardState(last: last), entries: entries(from: last + 1), snapshot: stale)
        default:
            // Nothing at all, or only entries the log has already compacted.
            let compactedEntries = first > 1 && chance(50) ? entries(from: 1).filter { $0.index < first } : []
            return .persist(hardState: nil, entries: compactedEntries, snapshot: nil)
        }
    }

    /// A snapshot as a leader would send it: matching the log, conflicting with it, or beyond it.
    private mutating func leaderSnapshot(
        first: UInt64, last: UInt64, snapshotIndex: UInt64, _ reference: ReferenceLog
    ) -> SnapshotMetadata {
        let lowest = max(snapshotIndex + 1, first - 1)
        if lowest <= last && chance(70) {
            let index = UInt64.random(in: lowest...last, using: &random)
            let stored = try! reference.memory.term(at: index)
            return SnapshotMetadata(index: index, term: chance(60) ? stored : stored + 1, confState: confState())
        }
        let index = max(last, snapshotIndex) + UInt64.random(in: 1...8, using: &random)
        return SnapshotMetadata(index: index, term: term, confState: confState())
    }

    private mutating func entries(from start: UInt64) -> [LogEntry] {
        let count = UInt64.random(in: 1...6, using: &random)
        return (start..<start + count).map { index in
            let size =
                switch Int.random(in: 0..<4, using: &random) {
                case 0: 0
                case 1, 2: Int.random(in: 1...20, using: &random)
                default: Int.random(in: 50...120, using: &random)
                }
            let data = (0..<size).map { _ in UInt8.random(in: 0...255, using: &random) }
            return LogEntry(index: index, term: term, kind: chance(20) ? .confChange : .normal, data: data)
        }
    }

    private mutating func maybeHardState(last: UInt64) -> HardState? {
        chance(50) ? hardState(last: last) : nil
    }

    private mutating func hardState(last: UInt64) -> HardState {
        HardState(
            term: term, vote: chance(30) ? nil : NodeID.random(in: 0...5, using: &random),
            commit: UInt64.random(in: 0...(last + 2), using: &random))
    }

    private mutating func confState() -> ConfState {
        let joint = chance(25)
        return ConfState(
            voters: ids(), learners: ids(), votersOutgoing: joint ? ids() : [], learnersNext: joint ? ids() : [],
            autoLeave: joint && chance(50))
    }

    private mutating func ids() -> Set<NodeID> {
        Set((1...9).filter { _ in chance(30) }.map(NodeID.init))
    }

    private mutating func chance(_ percent: Int) -> Bool {
        Int.random(in: 0..<100, using: &random) < percent
    }
}

extension UInt64 {
    /// `self - amount`, stopping at zero.
    func subtracting(_ amount: UInt64) -> UInt64 { self > amount ? self - amount : 0 }
}
