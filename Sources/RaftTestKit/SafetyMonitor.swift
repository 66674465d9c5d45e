import Raft

/// Checks Raft's safety properties (Raft paper Figure 3) as the simulation runs, and records
/// the first violation.
///
/// - Election Safety: at most one leader per term.
/// - Leader Completeness: a new leader's log holds every entry applied anywhere before.
/// - State Machine Safety: every replica applies the same entry at the same index, which the
///   running state hash extends to "the same state after the same index".
/// - Log Matching: two logs that agree on an index's term agree on everything before it.
/// - Monotonic commit: a replica's durable commit index never goes back, across restarts too.
/// - Linearizable reads: a ReadIndex answer is at least every index applied anywhere before
///   the read was requested (an acknowledged write is never missed).
struct SafetyMonitor {
    private var leaderOfTerm: [UInt64: NodeID] = [:]
    /// Index → the entry first applied there, and the state hash after it.
    private var appliedHistory: [UInt64: (entry: Entry, hash: StateHash)] = [:]
    /// The floor for reads: every index up to it was applied (acknowledged) somewhere.
    private(set) var highestAppliedAnywhere: UInt64 = 0
    private var durableCommit: [NodeID: UInt64] = [:]
    private var readFloors: [[UInt8]: UInt64] = [:]
    private(set) var violation: String?
    private(set) var readsChecked = 0

    private mutating func fail(_ message: String) {
        if violation == nil { violation = message }
    }

    /// The shell found its storage or the node in a state that must not happen.
    mutating func violationFromStorage(_ error: Error, replica: NodeID) {
        fail("n\(replica) storage: \(error)")
    }

    mutating func failLiveness(_ message: String) {
        fail("liveness: \(message)")
    }

    mutating func observeLeader(_ leader: NodeID, term: UInt64) {
        if let other = leaderOfTerm[term], other != leader {
            fail("election safety: n\(other) and n\(leader) both led term \(term)")
        }
        leaderOfTerm[term] = leader
    }

    /// Called once the new leader's log is durable: it must contain every applied entry.
    mutating func checkLeaderCompleteness(of leader: NodeID, storage: MemoryStorage) {
        guard let first = try? storage.firstIndex(), let last = try? storage.lastIndex() else { return }
        guard highestAppliedAnywhere <= last else {
            fail("leader completeness: n\(leader) leads with last index \(last) < applied \(highestAppliedAnywhere)")
            return
        }
        guard first <= highestAppliedAnywhere,
            let entries = try? storage.entries(from: first, to: highestAppliedAnywhere + 1, maxSize: .max)
        else { return }
        for entry in entries {
            if let applied = appliedHistory[entry.index]?.entry, applied != entry {
                fail("leader completeness: n\(leader) has \(describe(entry)) where \(describe(applied)) was applied")
                return
            }
        }
    }

    mutating func observeApply(_ entry: Entry, by replica: NodeID, hashAfter hash: StateHash) {
        highestAppliedAnywhere = max(highestAppliedAnywhere, entry.index)
        guard let first = appliedHistory[entry.index] else {
            appliedHistory[entry.index] = (entry, hash)
            return
        }
        if first.entry != entry {
            fail(
                "state machine safety: n\(replica) applied \(describe(entry)) where \(describe(first.entry)) was applied"
            )
        } else if first.hash != hash {
            fail("state machine safety: n\(replica) has state \(hash) after index \(entry.index), others \(first.hash)")
        }
    }

    mutating func observeSnapshotRestore(by replica: NodeID, index: UInt64, hash: StateHash) {
        highestAppliedAnywhere = max(highestAppliedAnywhere, index)
        if let known = appliedHistory[index], known.hash != hash {
            fail("state machine safety: n\(replica) restored state \(hash) at \(index), others had \(known.hash)")
        }
    }

    mutating func observeDurableCommit(_ commit: UInt64, of replica: NodeID) {
        if let previous = durableCommit[replica], commit < previous {
            fail("monotonic commit: n\(replica) persisted commit \(commit) after \(previous)")
        }
        durableCommit[replica] = commit
    }

    mutating func readRequested(context: [UInt8]) {
        readFloors[context] = highestAppliedAnywhere
    }

    mutating func observeReadState(_ state: ReadState, at replica: NodeID) {
        guard let floor = readFloors[state.context] else { return }
        readsChecked += 1
        if state.index < floor {
            fail(
                "linearizable read: n\(replica) answered read \(state.context) at \(state.index) < \(floor) applied before it began"
            )
        }
    }

    /// Log Matching across every pair of durable logs.
    mutating func checkLogMatching(_ replicas: [SimulatedReplica]) {
        let logs = replicas.map(LogView.init)
        for (position, left) in logs.enumerated() {
            for right in logs[(position + 1)...] {
                if let problem = left.mismatch(with: right) { fail("log matching: \(problem)") }
            }
        }
    }

    private func describe(_ entry: Entry) -> String {
        "entry \(entry.index)@t\(entry.term) (\(entry.data.count) bytes)"
    }
}

/// The durable entries of one replica, for Log Matching.
private struct LogView {
    let id: NodeID
    let entries: [Entry]

    init(_ replica: SimulatedReplica) {
        id = replica.id
        let first = (try? replica.storage.firstIndex()) ?? 1
        let last = (try? replica.storage.lastIndex()) ?? 0
        entries = first <= last ? (try? replica.storage.entries(from: first, to: last + 1, maxSize: .max)) ?? [] : []
    }

    func mismatch(with other: LogView) -> String? {
        guard let low = [entries.first?.index, other.entries.first?.index].compactMap({ $0 }).max(),
            let high = [entries.last?.index, other.entries.last?.index].compactMap({ $0 }).min(), low <= high
        else { return nil }
        // Find the highest shared index where the terms agree; everything below must be equal.
        var index = high
        while index >= low, entry(at: index)?.term != other.entry(at: index)?.term { index -= 1 }
        while index >= low {
            if entry(at: index) != other.entry(at: index) {
                return "n\(id) and n\(other.id) agree on a later term but differ at index \(index)"
            }
            index -= 1
        }
        return nil
    }

    private func entry(at index: UInt64) -> Entry? {
        guard let first = entries.first?.index, index >= first, index - first < entries.count else { return nil }
        return entries[Int(index - first)]
    }
}
