/// The leader's bookkeeping of the whole membership: configuration, per-peer `Progress`,
/// and the votes of the current election.
struct ProgressTracker: Sendable {
    var config = TrackerConfig()
    var progress = ProgressMap()
    var votes: [NodeID: Bool] = [:]
    let maxInflightMessages: Int
    let maxInflightBytes: UInt64

    init(maxInflightMessages: Int, maxInflightBytes: UInt64) {
        self.maxInflightMessages = maxInflightMessages
        self.maxInflightBytes = maxInflightBytes
    }

    func newInflights() -> Inflights {
        Inflights(maxCount: maxInflightMessages, maxBytes: maxInflightBytes)
    }

    /// Member ids in ascending order, so that the node is deterministic.
    var sortedIDs: [NodeID] { progress.ids }

    var isSingleton: Bool { config.voters.incoming.voters.count == 1 && !config.voters.isJoint }

    /// Highest index replicated on a quorum of voters (Raft paper §5.3).
    var committedIndex: UInt64 {
        // Capture the map alone: a closure over `self` copies the whole tracker per voter.
        let progress = progress
        return config.voters.committedIndex { progress.match(of: $0) }
    }

    /// Whether a quorum was recently heard from (check-quorum, thesis §6.2).
    var isQuorumActive: Bool {
        config.voters.voteResult(
            Dictionary(uniqueKeysWithValues: progress.lazy.map { ($0.id, $0.progress.recentActive) }))
            == .won
    }

    mutating func resetVotes() { votes = [:] }

    mutating func recordVote(from id: NodeID, granted: Bool) {
        guard votes[id] == nil else { return }
        votes[id] = granted
    }

    /// Outcome of the current election.
    var electionResult: VoteResult { config.voters.voteResult(votes) }
}
