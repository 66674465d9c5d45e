/// Role transitions (Raft paper §5.1, Figure 4; pre-candidate from thesis §9.6).
extension RaftNode {
    func becomeFollower(term newTerm: UInt64, leader newLeader: NodeID?) {
        reset(term: newTerm)
        leader = newLeader
        role = .follower
        trace(.roleChanged(role: role, term: term, leader: leader))
    }

    /// A pre-candidate asks whether it could win before bumping its term, so that a
    /// partitioned node rejoining cannot disrupt a healthy leader (thesis §9.6).
    func becomePreCandidate() {
        precondition(role != .leader, "\(id) leader cannot become pre-candidate at term \(term)")
        // Neither term nor vote changes: a pre-election promises nothing.
        tracker.resetVotes()
        leader = nil
        role = .preCandidate
        trace(.roleChanged(role: role, term: term, leader: nil))
    }

    /// §5.2: "a follower increments its current term and transitions to candidate state",
    /// voting for itself.
    func becomeCandidate() {
        precondition(role != .leader, "\(id) leader cannot become candidate at term \(term)")
        reset(term: term + 1)
        vote = id
        role = .candidate
        trace(.roleChanged(role: role, term: term, leader: nil))
    }

    /// §5.2 winning an election; the new leader appends an empty entry of its term so that
    /// it can commit (and learn the commit index of) earlier entries (§5.4.2, §8).
    func becomeLeader() {
        precondition(role != .follower, "\(id) follower cannot become leader at term \(term) without election")
        reset(term: term)
        leader = id
        role = .leader
        tracker.progress[id]?.becomeReplicate()
        tracker.progress[id]?.recentActive = true
        // Entries of earlier terms may hold configuration changes this leader cannot see
        // as applied yet; conservatively treat all of them as pending.
        pendingConfIndex = log.lastIndex
        trace(.roleChanged(role: role, term: term, leader: id))
        guard appendEntries([Entry()]) else {
            preconditionFailure("\(id) empty leader entry refused; uncommitted size \(uncommittedSize)")
        }
    }

    /// Clears per-term state; entering a new term also clears the vote (§5.2, one vote per term).
    func reset(term newTerm: UInt64) {
        if term != newTerm {
            term = newTerm
            vote = nil
        }
        leader = nil
        electionElapsed = 0
        heartbeatElapsed = 0
        resetRandomizedElectionTimeout()
        abortLeaderTransfer()
        tracker.resetVotes()
        let lastIndex = log.lastIndex
        let emptyInflights = tracker.newInflights()
        for (peer, progress) in tracker.progress {
            tracker.progress[peer] = Progress(
                match: peer == id ? lastIndex : 0,
                next: lastIndex + 1,
                isLearner: progress.isLearner,
                inflights: emptyInflights)
        }
        pendingConfIndex = 0
        uncommittedSize = 0
        readIndexQueue = ReadIndexQueue()
        readIndexRequestsAwaitingCommit = []
        leaseAcknowledgements = [:]
        isLeaseForfeited = false
    }

    /// §5.2: "election timeouts are chosen randomly from a fixed interval", here
    /// `[electionTick, 2 * electionTick)`.
    func resetRandomizedElectionTimeout() {
        randomizedElectionTimeout =
            config.electionTick + Int.random(in: 0..<config.electionTick, using: &randomGenerator)
    }
}
