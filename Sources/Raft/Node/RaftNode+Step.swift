/// Message intake: term rules common to every role (Raft paper §5.1: "if one server's
/// current term is smaller than the other's, then it updates its current term"), then
/// dispatch by role.
extension RaftNode {
    /// Vote requests carrying this context come from a leadership transfer and may break
    /// the leader lease (thesis §3.10).
    static let transferCampaignContext: [UInt8] = Array("leadership-transfer".utf8)

    /// Feeds a message received from a peer. Throws for forwarded proposals this node
    /// cannot accept, and `.unknownPeer` for responses from replicas outside the
    /// configuration.
    public func step(_ message: Message) throws(RaftError) {
        if message.type.isResponse && !tracker.progress.contains(message.from) {
            throw .unknownPeer(message.from)
        }
        try receive(message)
    }

    /// Handles a message from a peer, a forwarded request, or this node itself.
    func receive(_ message: Message) throws(RaftError) {
        guard admitTerm(of: message) else { return }
        switch message.type {
        case .requestVote, .requestPreVote:
            answerVoteRequest(message)
        case .append, .appendResponse, .requestVoteResponse, .requestPreVoteResponse, .heartbeat,
            .heartbeatResponse, .snapshot, .readIndex, .readIndexResponse, .timeoutNow, .transferLeader,
            .propose:
            switch role {
            case .leader: try receiveAsLeader(message)
            case .preCandidate, .candidate: try receiveAsCandidate(message)
            case .follower: try receiveAsFollower(message)
            }
        }
    }

    /// Applies the term rules and reports whether the message should be processed further.
    private func admitTerm(of message: Message) -> Bool {
        // Forwarded proposals, reads and transfer requests carry no term.
        if message.term == 0 { return true }
        if message.term > term {
            if message.type == .requestVote || message.type == .requestPreVote,
                (message.context != Self.transferCampaignContext && isWithinLeaderLease)
                    || isBoundByLeasePromise(against: message)
            {
                // Leader lease (thesis §6.2 / §9.6): while a live leader is heard from,
                // ignore candidates so a partitioned node cannot depose it; with lease
                // reads, also while a promised lease may still run (thesis §6.4.1).
                return false
            }
            switch message.type {
            case .requestPreVote:
                // A pre-vote is hypothetical: it never changes our term (thesis §9.6).
                break
            case .requestPreVoteResponse where !message.reject:
                // A granted pre-vote echoes the term we would campaign at, not a newer one.
                break
            case .append, .heartbeat, .snapshot:
                becomeFollower(term: message.term, leader: message.from)
            case .appendResponse, .requestVote, .requestVoteResponse, .requestPreVoteResponse,
                .heartbeatResponse, .readIndex, .readIndexResponse, .timeoutNow, .transferLeader, .propose:
                becomeFollower(term: message.term, leader: nil)
            }
            return true
        }
        if message.term < term {
            answerStaleMessage(message)
            return false
        }
        return true
    }

    private var isWithinLeaderLease: Bool {
        config.checkQuorum && leader != nil && electionElapsed < config.electionTick
    }

    /// §5.1: "if a server receives a request with a stale term number, it rejects the
    /// request". With check-quorum or pre-vote a stale leader might never learn the new
    /// term otherwise (it ignores higher-term pre-votes we do not send), so answer it.
    private func answerStaleMessage(_ message: Message) {
        switch message.type {
        case .append, .heartbeat:
            guard config.checkQuorum || config.preVote else { return }
            send(self.message(.appendResponse, to: message.from))
        case .requestPreVote:
            var rejection = self.message(.requestPreVoteResponse, to: message.from)
            rejection.reject = true
            send(rejection)
        case .appendResponse, .requestVote, .requestVoteResponse,
            .requestPreVoteResponse, .heartbeatResponse, .snapshot, .readIndex, .readIndexResponse,
            .timeoutNow, .transferLeader, .propose:
            break
        }
    }

    private func receiveAsLeader(_ message: Message) throws(RaftError) {
        switch message.type {
        case .propose: try acceptProposal(message)
        case .readIndex: handleReadIndexRequest(message)
        case .appendResponse: handleAppendResponse(message)
        case .heartbeatResponse: handleHeartbeatResponse(message)
        case .transferLeader: startLeadershipTransfer(to: message.from)
        case .append, .heartbeat, .snapshot:
            preconditionFailure(
                "\(id) is leader of term \(term) but got \(message.type) from \(message.from) in the same term")
        case .requestVoteResponse, .requestPreVoteResponse, .readIndexResponse, .timeoutNow:
            // Late answers to an earlier candidacy or role; nothing to do.
            break
        case .requestVote, .requestPreVote:
            preconditionFailure("vote requests are answered before role dispatch: \(message)")
        }
    }

    private func receiveAsCandidate(_ message: Message) throws(RaftError) {
        switch message.type {
        case .propose, .readIndex, .transferLeader:
            throw .notLeader(hint: nil)
        case .append:
            // §5.2: a candidate that hears from a leader of its term returns to follower.
            becomeFollower(term: message.term, leader: message.from)
            handleAppend(message)
        case .heartbeat:
            becomeFollower(term: message.term, leader: message.from)
            handleHeartbeat(message)
        case .snapshot:
            becomeFollower(term: message.term, leader: message.from)
            handleSnapshot(message)
        case .requestPreVoteResponse where role == .preCandidate,
            .requestVoteResponse where role == .candidate:
            countVote(message)
        case .requestPreVoteResponse, .requestVoteResponse, .appendResponse, .heartbeatResponse,
            .readIndexResponse, .timeoutNow:
            break
        case .requestVote, .requestPreVote:
            preconditionFailure("vote requests are answered before role dispatch: \(message)")
        }
    }

    private func receiveAsFollower(_ message: Message) throws(RaftError) {
        switch message.type {
        case .propose:
            guard let leader else { throw .notLeader(hint: nil) }
            guard !config.disableProposalForwarding else { throw .notLeader(hint: leader) }
            forward(message, to: leader)
        case .readIndex, .transferLeader:
            guard let leader else { throw .notLeader(hint: nil) }
            forward(message, to: leader)
        case .append:
            heardFromLeader(message.from)
            handleAppend(message)
        case .heartbeat:
            heardFromLeader(message.from)
            handleHeartbeat(message)
        case .snapshot:
            heardFromLeader(message.from)
            handleSnapshot(message)
        case .timeoutNow:
            // Thesis §3.10: the transferee campaigns at once, skipping pre-vote and lease.
            startElection(.transfer)
        case .readIndexResponse:
            acceptReadIndexResponse(message)
        case .appendResponse, .requestVoteResponse, .requestPreVoteResponse, .heartbeatResponse:
            break
        case .requestVote, .requestPreVote:
            preconditionFailure("vote requests are answered before role dispatch: \(message)")
        }
    }

    private func heardFromLeader(_ sender: NodeID) {
        electionElapsed = 0
        leader = sender
    }

    /// Passes a request on unchanged (keeping its original sender) to the leader.
    private func forward(_ message: Message, to leader: NodeID) {
        var forwarded = message
        forwarded.to = leader
        send(forwarded)
    }
}
