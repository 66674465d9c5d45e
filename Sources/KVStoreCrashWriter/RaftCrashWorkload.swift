import Foundation
import KVStore
import Raft

/// The Raft log workload of the crash-safety test: Ready `n` persists entry `n` (term 1,
/// contents derived from `n`) with commit index `n`, through a journal small enough that kills
/// land in appends, in checkpoints and after wraps.
enum RaftCrashWorkload {
    static let journalCapacity = 64 << 10

    /// Persists Readies 1, 2, … after what the log holds, printing each number once `persist`
    /// returned; runs until killed.
    static func write(folder: String) throws -> Never {
        let log = try RaftLogStore.open(at: folder, journalCapacity: journalCapacity)
        var number = try log.lastIndex() + 1
        while true {
            try log.persist(hardState: HardState(term: 1, commit: number), entries: [entry(number)])
            FileHandle.standardOutput.write(Data("\(number)\n".utf8))
            number += 1
        }
    }

    /// The number of the last Ready when entries 1…N and commit index N are all there and
    /// right, or what is wrong.
    static func verify(folder: String) throws -> Result<UInt64, CrashWorkload.Inconsistency> {
        let log = try RaftLogStore.open(at: folder, journalCapacity: journalCapacity)
        let last = try log.lastIndex()
        let commit = try log.initialState().hardState.commit
        guard commit == last else {
            return .failure(.init("the log ends at \(last) but the commit index is \(commit)"))
        }
        guard last > 0 else { return .success(0) }
        let stored = try log.entries(from: 1, to: last + 1, maxSize: .max)
        if let wrong = stored.first(where: { $0 != entry($0.index) }) {
            return .failure(.init("entry \(wrong.index) is not what Ready \(wrong.index) wrote"))
        }
        guard stored.count == last else { return .failure(.init("\(stored.count) entries for 1...\(last)")) }
        return .success(last)
    }

    /// Deterministic contents of 16 bytes to about 3 KiB.
    static func entry(_ number: UInt64) -> Raft.Entry {
        let length = 16 + Int(number &* 37 % 3000)
        let data = (0..<length).map { UInt8(truncatingIfNeeded: number &+ UInt64($0)) }
        return Raft.Entry(index: number, term: 1, kind: .normal, data: data)
    }
}
