/// Leader election (Raft paper §5.2), the election restriction (§5.4.1) and pre-vote
/// (thesis §9.6).
extension RaftNode {
    /// Why an election is started.
    enum CampaignKind {
        /// Pre-vote round: ask without incrementing the term (thesis §9.6).
        case preElection
        /// Real election (§5.2).
        case election
        /// Real election ordered by the leader via `timeoutNow`; it overrides the leader
        /// lease of the voters (thesis §3.10).
        case transfer
    }

    /// Starts an election now instead of waiting for the election timeout (with a pre-vote
    /// round first if `RaftConfig.preVote` is set). Does nothing on a leader, a learner, or a
    /// replica that still has committed configuration changes to apply (it might not be a
    /// voter under the configuration it is about to adopt).
    public func campaign() {
        startElection(config.preVote ? .preElection : .election)
    }

    func startElection(_ kind: CampaignKind) {
        guard role != .leader, isPromotable, !hasUnappliedConfChanges else { return }
        let requestType: MessageType
        let electionTerm: UInt64
        switch kind {
        case .preElection:
            becomePreCandidate()
            requestType = .requestPreVote
            electionTerm = term + 1
        case .election, .transfer:
            becomeCandidate()
            requestType = .requestVote
            electionTerm = term
        }
        let last = log.lastEntryID
        for voter in tracker.config.voters.allVoters.sorted() {
            if voter == id {
                // Our own vote counts once it is persisted, like any other vote.
                let ownVote = requestType == .requestPreVote ? MessageType.requestPreVoteResponse : .requestVoteResponse
                send(Message(type: ownVote, to: id, from: id, term: electionTerm))
                continue
            }
            send(
                Message(
                    type: requestType, to: voter, from: id, term: electionTerm, logTerm: last.term,
                    index: last.index, context: kind == .transfer ? Self.transferCampaignContext : []))
        }
    }

    /// Grants a (pre-)vote if we have not voted for someone else in this term and the
    /// candidate's log is at least as up-to-date as ours (§5.2, §5.4.1) — and, with lease
    /// reads, no lease we promised may still run (thesis §6.4.1; a same-term request can
    /// reach us after a higher-term message made us forget the leader we promised to).
    func answerVoteRequest(_ request: Message) {
        let isPreVote = request.type == .requestPreVote
        let responseType: MessageType = isPreVote ? .requestPreVoteResponse : .requestVoteResponse
        let mayVote =
            vote == request.from
            || (vote == nil && leader == nil)
            // A pre-vote for a future term is granted regardless of the current vote.
            || (isPreVote && request.term > term)
        guard mayVote, !isBoundByLeasePromise(against: request),
            log.isUpToDate(EntryID(term: request.logTerm, index: request.index))
        else {
            var rejection = message(responseType, to: request.from)
            rejection.reject = true
            send(rejection)
            return
        }
        // Answer in the candidate's term: for a pre-vote that is the future term it asks about.
        send(Message(type: responseType, to: request.from, from: id, term: request.term))
        if !isPreVote {
            electionElapsed = 0
            vote = request.from
        }
    }

    /// §5.2: a candidate wins with votes from a majority (of both halves when joint), and
    /// returns to follower once a majority can no longer be reached.
    func countVote(_ response: Message) {
        tracker.recordVote(from: response.from, granted: !response.reject)
        switch tracker.electionResult {
        case .won:
            if role == .preCandidate {
                startElection(.election)
            } else {
                becomeLeader()
                broadcastAppend()
            }
        case .lost:
            becomeFollower(term: term, leader: nil)
        case .pending:
            break
        }
    }
}
