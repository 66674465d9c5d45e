/// Logical time. The Shell calls `tick()` at a fixed interval; all timeouts are counted in
/// ticks so the node stays deterministic.
extension RaftNode {
    /// Advances logical time by one tick: followers and candidates count towards an
    /// election timeout (Raft paper §5.2), leaders towards heartbeats and the check-quorum
    /// period (thesis §6.2).
    public func tick() {
        clock += 1
        switch role {
        case .leader: tickAsLeader()
        case .follower, .preCandidate, .candidate: tickTowardsElection()
        }
    }

    private func tickTowardsElection() {
        electionElapsed += 1
        guard isPromotable, electionElapsed >= randomizedElectionTimeout else { return }
        electionElapsed = 0
        campaign()
    }

    private func tickAsLeader() {
        heartbeatElapsed += 1
        electionElapsed += 1
        if electionElapsed >= config.electionTick {
            electionElapsed = 0
            if config.checkQuorum { stepDownUnlessQuorumActive() }
            // A transfer that did not finish within an election timeout is abandoned so
            // that the leader accepts proposals again (thesis §3.10).
            if role == .leader { abortLeaderTransfer() }
        }
        guard role == .leader else { return }
        // Retries a refused automatic leave (e.g. refused during a transfer).
        leaveJointIfAutomatic()
        if heartbeatElapsed >= config.heartbeatTick {
            heartbeatElapsed = 0
            broadcastHeartbeat()
        }
    }

    /// Check-quorum (thesis §6.2): a leader that has not heard from a quorum within an
    /// election timeout steps down, so that clients stop trusting a deposed leader and its
    /// lease can safely expire.
    private func stepDownUnlessQuorumActive() {
        tracker.progress[id]?.recentActive = true
        guard tracker.isQuorumActive else {
            trace(.quorumLost(term: term))
            becomeFollower(term: term, leader: nil)
            return
        }
        for peer in tracker.sortedIDs where peer != id {
            tracker.progress[peer]?.recentActive = false
        }
    }
}
