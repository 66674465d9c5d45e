/// How the leader currently replicates to one follower (etcd's flow-control states).
public enum ReplicationState: Sendable, Hashable {
    /// Position unknown: send one `append` at a time and wait for the answer (thesis
    /// §3.5, "the leader decrements nextIndex and retries").
    case probe
    /// Position known: stream `append`s optimistically within the in-flight window.
    case replicate
    /// The needed entries are compacted: a snapshot up to `pendingIndex` is on its way
    /// (Raft paper §7); no `append` is sent until it is reported.
    case snapshot(pendingIndex: UInt64)
}

/// The leader's view of one follower (Raft paper Figure 2, `nextIndex[]` and
/// `matchIndex[]`, plus flow-control state). Exposed read-only through `Status`.
public struct Progress: Sendable, Hashable {
    /// Highest index known to be replicated on the follower.
    public internal(set) var match: UInt64
    /// Index of the next entry to send.
    public internal(set) var next: UInt64
    /// Flow-control state.
    public internal(set) var state: ReplicationState = .probe
    /// Whether the follower was heard from during the current check-quorum period.
    public internal(set) var recentActive: Bool
    /// Whether the follower is a non-voting learner (thesis §4.2.1).
    public internal(set) var isLearner: Bool
    /// Whether the flow of `append`s is paused until the follower answers: in probe state
    /// an `append` is outstanding; in replicate state the in-flight window is full. A
    /// heartbeat response lifts the pause for one `append` (etcd's `MsgAppFlowPaused`), so
    /// that a window filled by messages the network lost cannot stall the follower forever.
    var isFlowPaused = false
    var inflights: Inflights

    /// Number of unacknowledged `append` messages.
    public var inflightCount: Int { inflights.count }

    init(match: UInt64 = 0, next: UInt64, isLearner: Bool, recentActive: Bool = false, inflights: Inflights) {
        self.match = match
        self.next = next
        self.isLearner = isLearner
        self.recentActive = recentActive
        self.inflights = inflights
    }

    /// Whether the leader must hold off sending `append`s to this follower.
    var isPaused: Bool {
        switch state {
        case .probe, .replicate: isFlowPaused
        case .snapshot: true
        }
    }

    /// In replicate state with a full window only an empty `append` may go out: it carries
    /// no new entries, but its answer (an acknowledgement or a rejection) frees the window.
    var isThrottled: Bool { state == .replicate && inflights.isFull }

    mutating func becomeProbe() {
        // After a snapshot, the follower holds at least the snapshot's entries.
        if case .snapshot(let pendingIndex) = state {
            next = max(match + 1, pendingIndex + 1)
        } else {
            next = match + 1
        }
        enter(.probe)
    }

    mutating func becomeReplicate() {
        next = match + 1
        enter(.replicate)
    }

    mutating func becomeSnapshot(pendingIndex: UInt64) {
        enter(.snapshot(pendingIndex: pendingIndex))
    }

    /// The Shell reported the snapshot's fate; either way probe again, but on failure do
    /// not assume the follower holds the snapshot's entries.
    mutating func snapshotFinished(_ status: SnapshotStatus) {
        guard case .snapshot = state else { return }
        switch status {
        case .finished: becomeProbe()
        case .failed:
            next = match + 1
            enter(.probe)
        }
        // Wait for the next heartbeat response before probing, giving the follower time.
        isFlowPaused = true
    }

    private mutating func enter(_ newState: ReplicationState) {
        state = newState
        isFlowPaused = false
        inflights.reset()
    }

    /// Records that an `append` carrying `entryCount` entries (`bytes` payload) ending at
    /// `lastIndex` was sent.
    mutating func sentAppend(entryCount: Int, lastIndex: UInt64, bytes: UInt64) {
        switch state {
        case .replicate:
            if entryCount > 0 {
                next = lastIndex + 1
                inflights.add(lastIndex: lastIndex, bytes: bytes)
            }
            isFlowPaused = inflights.isFull
        case .probe:
            isFlowPaused = true
        case .snapshot(let pendingIndex):
            preconditionFailure("append sent while snapshot \(pendingIndex) pending: \(self)")
        }
    }

    /// An acknowledgement up to `index` arrived; returns whether `match` advanced.
    mutating func acknowledge(through index: UInt64) -> Bool {
        next = max(next, index + 1)
        guard index > match else { return false }
        match = index
        isFlowPaused = false
        return true
    }

    /// The follower rejected an `append` whose preceding index was `rejectedIndex`, and
    /// suggested `hintIndex` as the last index that may match. Returns false when the
    /// rejection is stale (answers an older probe).
    mutating func rejected(at rejectedIndex: UInt64, hintIndex: UInt64) -> Bool {
        if case .replicate = state {
            guard rejectedIndex > match else { return false }
            next = match + 1
            return true
        }
        guard next - 1 == rejectedIndex else { return false }
        next = max(min(rejectedIndex, hintIndex + 1), match + 1)
        isFlowPaused = false
        return true
    }
}
