/// A set of voters decided by simple majority (Raft paper §5.2 elections, §5.3 commitment).
struct MajorityConfig: Sendable, Hashable {
    var voters: Set<NodeID>

    init(_ voters: Set<NodeID> = []) {
        self.voters = voters
    }

    var isEmpty: Bool { voters.isEmpty }

    /// The highest index replicated on a majority: sort the voters' match indexes
    /// descending and take the one at position `quorum - 1`. Voters without a known match
    /// count as zero. An empty configuration returns `.max` so that it never constrains a
    /// joint configuration.
    ///
    /// The match indexes are sorted in a stack buffer: the leader evaluates this on every
    /// acknowledgement, so it must not allocate.
    func committedIndex(matchIndex: (NodeID) -> UInt64?) -> UInt64 {
        guard !voters.isEmpty else { return .max }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: voters.count) { buffer in
            var matches = buffer
            for (slot, voter) in zip(matches.indices, voters) {
                matches.initializeElement(at: slot, to: matchIndex(voter) ?? 0)
            }
            matches.sort(by: >)
            return matches[voters.count / 2]
        }
    }

    /// Whether `votes` (true = granted) win, lose or are still pending. An empty
    /// configuration wins, again so that it is neutral inside a joint configuration.
    func voteResult(_ votes: [NodeID: Bool]) -> VoteResult {
        guard !voters.isEmpty else { return .won }
        var granted = 0
        var missing = 0
        for voter in voters {
            switch votes[voter] {
            case true?: granted += 1
            case false?: break
            case nil: missing += 1
            }
        }
        let quorum = voters.count / 2 + 1
        if granted >= quorum { return .won }
        if granted + missing >= quorum { return .pending }
        return .lost
    }
}
