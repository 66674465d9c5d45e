/// Leadership transfer (thesis §3.10): the leader brings the transferee's log up to date,
/// then tells it to campaign immediately with `timeoutNow`.
extension RaftNode {
    /// Asks the leader to hand leadership to `transferee`. On a follower the request is
    /// forwarded to the leader. While the transfer runs the leader refuses proposals; it
    /// gives up after an election timeout. Throws `.notLeader(hint: nil)` when no leader
    /// is known.
    public func transferLeadership(to transferee: NodeID) throws(RaftError) {
        // `from` names the transferee; see `MessageType.transferLeader`.
        try receive(Message(type: .transferLeader, to: id, from: transferee))
    }

    func startLeadershipTransfer(to transferee: NodeID) {
        guard let progress = tracker.progress[transferee], !progress.isLearner else { return }
        if let current = leadTransferee {
            if current == transferee { return }
            abortLeaderTransfer()
        }
        guard transferee != id else { return }
        // The transfer gets a full election timeout to complete.
        electionElapsed = 0
        leadTransferee = transferee
        trace(.leadershipTransferStarted(transferee: transferee))
        if progress.match == log.lastIndex {
            sendTimeoutNow(to: transferee)
        } else {
            sendAppend(to: transferee)
        }
    }

    func sendTimeoutNow(to transferee: NodeID) {
        forfeitLease()
        send(message(.timeoutNow, to: transferee))
    }

    func abortLeaderTransfer() {
        guard let transferee = leadTransferee else { return }
        leadTransferee = nil
        trace(.leadershipTransferAborted(transferee: transferee))
    }
}
